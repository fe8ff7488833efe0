//! A comment thread: comments with one level of replies, and the forms that go with them.
//! Every form is a plain post that works without script.
use leptos::prelude::*;

use super::api::{DeleteComment, EditComment, HideComment, PostComment};
use super::dto::{about_key, CommentState, CommentView, Thread};
use crate::components::fields::{errors_about, field_error, field_value, form_errors, FormStatus, TextArea, TextField};
use crate::components::{t, use_lang};
use crate::error::FormErrors;
use crate::i18n::{format_datetime, K};

/// The four actions of a page's threads; the page's data reload when any of them has run.
#[derive(Clone, Copy)]
pub struct CommentActs {
    pub post: ServerAction<PostComment>,
    pub edit: ServerAction<EditComment>,
    pub delete: ServerAction<DeleteComment>,
    pub hide: ServerAction<HideComment>,
}

impl CommentActs {
    pub fn new() -> Self {
        CommentActs { post: crate::components::server_action(), edit: crate::components::server_action(), delete: crate::components::server_action(), hide: crate::components::server_action() }
    }
}

impl Default for CommentActs {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Clone, Copy)]
struct Errs {
    post: Signal<Option<FormErrors>>,
    edit: Signal<Option<FormErrors>>,
    hide: Signal<Option<FormErrors>>,
}

/// The status line for a page's comment actions (once per page, outside any closing panel).
#[component]
pub fn CommentStatus(acts: CommentActs) -> impl IntoView {
    view! {
        <FormStatus action=acts.post success=K::CommentAdded/>
        <FormStatus action=acts.edit success=K::CommentEdited/>
        <FormStatus action=acts.delete success=K::CommentDeleted/>
        <FormStatus action=acts.hide success=K::CommentHiddenDone/>
    }
}

/// A thread; `heading` is the visible heading level-3 text (None when the page has its own).
#[component]
pub fn CommentThread(thread: Thread, acts: CommentActs) -> impl IntoView {
    let errs = Errs { post: form_errors(acts.post.value()), edit: form_errors(acts.edit.value()), hide: form_errors(acts.hide.value()) };
    let scope = format!("c-{}{}", thread.kind, thread.target_id);
    let target = thread.target_id;
    let mine = errors_about(errs.post, about_key(&thread.kind, target, None));
    let can_comment = thread.can_comment;
    let kind = thread.kind.clone();
    view! {
        <div class="comments">
            {thread.comments.is_empty().then(|| view! { <p class="muted">{t(K::NoComments)}</p> })}
            <ol class="comments__list">
                {thread.comments.into_iter().map(|c| {
                    let replies = c.replies.clone();
                    let cid = c.id;
                    let kind = kind.clone();
                    view! {
                        <li class="comment-wrap">
                            <CommentItem c errs acts/>
                            {(!replies.is_empty()).then(|| view! {
                                <ol class="comments__replies">
                                    {replies.into_iter().map(|r| view! { <li class="comment-wrap"><CommentItem c=r errs acts/></li> }).collect_view()}
                                </ol>
                            })}
                            {can_comment.then(|| {
                                let rerrs = errors_about(errs.post, about_key("", 0, Some(cid)));
                                view! {
                                    <details class="comment__reply" open=move || rerrs.get().is_some()>
                                        <summary>{t(K::Reply)}</summary>
                                        <ActionForm action=acts.post>
                                            <input type="hidden" name="kind" value=kind.clone()/>
                                            <input type="hidden" name="target_id" value=target.to_string()/>
                                            <input type="hidden" name="parent_id" value=cid.to_string()/>
                                            <TextArea scope=format!("reply{cid}") name="body" label=K::ReplyText required=true value=field_value(rerrs, "body", String::new()) error=field_error(rerrs, "body")/>
                                            <button type="submit" class="button">{t(K::SendReply)}</button>
                                        </ActionForm>
                                    </details>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {can_comment.then(|| view! {
                <ActionForm action=acts.post attr:class="comments__new">
                    <input type="hidden" name="kind" value=thread.kind.clone()/>
                    <input type="hidden" name="target_id" value=target.to_string()/>
                    <TextArea scope=scope.clone() name="body" label=K::CommentText hint=K::MarkdownHint required=true value=field_value(mine, "body", String::new()) error=field_error(mine, "body")/>
                    <button type="submit" class="button button--primary">{t(K::AddComment)}</button>
                </ActionForm>
            })}
        </div>
    }
}

#[component]
fn CommentItem(c: CommentView, errs: Errs, acts: CommentActs) -> impl IntoView {
    let lang = use_lang();
    let id = c.id;
    let who = if c.organisation.is_empty() { c.author.clone() } else { format!("{}, {}", c.author, c.organisation) };
    let edit_errs = errors_about(errs.edit, id);
    let hide_errs = errors_about(errs.hide, id);
    view! {
        <article class="comment" class:comment--removed=c.state != CommentState::Visible id=format!("comment-{id}")>
            <p class="comment__head">
                <strong>{if c.author.is_empty() { t(K::FormerUser).to_string() } else { who }}</strong>
                " " <span class="muted">{format_datetime(lang, c.at)}</span>
                {c.edited.then(|| view! { " " <span class="muted">"(" {t(K::Edited)} ")"</span> })}
            </p>
            {match c.state.clone() {
                CommentState::Visible => view! { <div class="comment__body prose" inner_html=c.body_html.clone()></div> }.into_any(),
                CommentState::Deleted => view! { <p class="comment__body muted">{t(K::CommentRemoved)}</p> }.into_any(),
                CommentState::Hidden(reason) => view! { <p class="comment__body muted">{t(K::CommentHidden)} " " {reason}</p> }.into_any(),
            }}
            <div class="row-actions">
                {c.editable_body.clone().map(|body| view! {
                    <details class="comment__edit" open=move || edit_errs.get().is_some()>
                        <summary>{t(K::Edit)}</summary>
                        <ActionForm action=acts.edit>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <TextArea scope=format!("edit{id}") name="body" label=K::CommentText required=true value=field_value(edit_errs, "body", body) error=field_error(edit_errs, "body")/>
                            <button type="submit" class="button">{t(K::Save)}</button>
                        </ActionForm>
                    </details>
                })}
                {c.can_delete.then(|| view! {
                    <ActionForm action=acts.delete attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <button type="submit" class="button button--small">{t(K::DeleteComment)}</button>
                    </ActionForm>
                })}
                {c.can_hide.then(|| view! {
                    <details class="comment__hide" open=move || hide_errs.get().is_some()>
                        <summary>{t(K::HideComment)}</summary>
                        <ActionForm action=acts.hide>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <TextField scope=format!("hide{id}") name="reason" label=K::HideReason required=true value=field_value(hide_errs, "reason", String::new()) error=field_error(hide_errs, "reason")/>
                            <button type="submit" class="button">{t(K::HideComment)}</button>
                        </ActionForm>
                    </details>
                })}
            </div>
        </article>
    }
}
