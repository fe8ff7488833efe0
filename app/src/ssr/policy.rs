//! The one place that decides who may do what. Every service calls `authorize` first;
//! pages learn what to show from the same function (the `can_*` flags in DTOs).
use crate::error::AppError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum ForumRole {
    Member,
    Coordinator,
    Secretariat,
}

impl ForumRole {
    pub const ALL: [ForumRole; 3] = [ForumRole::Secretariat, ForumRole::Coordinator, ForumRole::Member];

    pub fn code(self) -> &'static str {
        match self {
            ForumRole::Member => "member",
            ForumRole::Coordinator => "coordinator",
            ForumRole::Secretariat => "secretariat",
        }
    }

    pub fn from_code(code: &str) -> Option<ForumRole> {
        match code {
            "member" => Some(ForumRole::Member),
            "coordinator" => Some(ForumRole::Coordinator),
            "secretariat" => Some(ForumRole::Secretariat),
            _ => None,
        }
    }
}

/// The person behind a request, with everything the policy needs (loaded once per request).
#[derive(Clone, Debug, Default)]
pub struct Actor {
    pub user: Option<ActorUser>,
}

#[derive(Clone, Debug)]
pub struct ActorUser {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub organisation_id: i32,
    /// The organisation's short name (shown in the header).
    pub organisation: String,
    pub is_admin: bool,
    pub language: String,
    /// The forums the person holds a role in, with what the overview shows of them.
    pub forums: Vec<MemberForum>,
    /// The sign-in before the current one: the overview's "since your last visit".
    pub previous_visit_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The personal calendar feed's token (forum pages link to the feed).
    pub calendar_token: Option<String>,
    /// The database's write generation, read with the person and before anything the page
    /// shows: what the page cache checks its copy against (`migration::page_generation`).
    pub page_generation: i64,
}

#[derive(Clone, Debug)]
pub struct MemberForum {
    pub id: i32,
    pub role: ForumRole,
    pub name: String,
    pub slug: String,
    pub level: String,
}

impl Actor {
    pub fn anonymous() -> Self {
        Actor { user: None }
    }

    pub fn user_id(&self) -> Option<i32> {
        self.user.as_ref().map(|u| u.id)
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_admin)
    }

    pub fn role_in(&self, forum: i32) -> Option<ForumRole> {
        self.user.as_ref().and_then(|u| u.forums.iter().find(|f| f.id == forum).map(|f| f.role))
    }

    fn is_secretariat_anywhere(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.forums.iter().any(|f| f.role == ForumRole::Secretariat))
    }
}

/// Every operation of the service. New capabilities add variants here, and the table test must cover them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    ViewOwnAccount,
    EditOwnAccount,
    ListOrganisations,
    ManageOrganisations,
    ListUsers,
    InviteUser,
    ManageInvitation,
    SetForumRole,
    GrantAdmin,
    SetUserActive,
    /// Anonymise a person for good (GDPR erasure): admins only.
    ErasePerson,
    ViewForum,
    /// See who is invited to a forum's meetings, and who attended: signed-in readers of the forum.
    ViewParticipants,
    CreateForum,
    ManageForum,
    ManageMeetings,
    /// Send in an addition to an upcoming meeting's agenda.
    ProposeAddition,
    /// Write one's organisation's round-the-table update.
    PostUpdate,
    /// Download a material (scope `Material`).
    ReadMaterial,
    /// Create and edit a forum's actions (coordinators and the secretariat).
    ManageActions,
    /// Add status notes and change the state (scope `Action`: the owner, or those who manage).
    UpdateActionStatus,
    /// Comment on a forum's published agendas, items, summaries and actions (anyone with a role in it).
    Comment,
    /// Escalate an action or agenda item from this forum to its parent.
    Escalate,
    /// Read a meeting's summary (scope `Summary`): published to the forum's readers, a draft to the
    /// secretariat and, during the review round, to the named reviewers.
    ReadSummary,
    /// Write, send for review, publish and revise summaries (the secretariat).
    ManageSummary,
    /// Hide a comment with a reason (the secretariat).
    ModerateComment,
    /// Edit or delete a comment (scope `User`: its author).
    EditOwnComment,
    /// Read the audit log (admins).
    ViewAudit,
    /// Build, open, close surveys and read their results (the secretariat).
    ManageSurveys,
    /// Answer a survey (scope `Invitation`): those invited who hold a role in its forum.
    AnswerSurvey,
    /// See a survey's results (scope `SurveyResults`): the secretariat, and the forum's readers
    /// once the insights are published.
    ReadSurveyResults,
    /// Write, open, close consultations, see every organisation's answer, export (the secretariat).
    ManageConsultations,
    /// Draft and submit an organisation's answer to a consultation (scope `OrganisationAnswer`):
    /// people of that organisation with a role in the forum, when it is a member organisation.
    AnswerConsultation,
}

impl Action {
    pub const ALL: [Action; 33] = [
        Action::ViewOwnAccount,
        Action::EditOwnAccount,
        Action::ListOrganisations,
        Action::ManageOrganisations,
        Action::ListUsers,
        Action::InviteUser,
        Action::ManageInvitation,
        Action::SetForumRole,
        Action::GrantAdmin,
        Action::SetUserActive,
        Action::ErasePerson,
        Action::ViewForum,
        Action::ViewParticipants,
        Action::CreateForum,
        Action::ManageForum,
        Action::ManageMeetings,
        Action::ProposeAddition,
        Action::PostUpdate,
        Action::ReadMaterial,
        Action::ManageActions,
        Action::UpdateActionStatus,
        Action::Comment,
        Action::Escalate,
        Action::ReadSummary,
        Action::ManageSummary,
        Action::ModerateComment,
        Action::EditOwnComment,
        Action::ViewAudit,
        Action::ManageSurveys,
        Action::AnswerSurvey,
        Action::ReadSurveyResults,
        Action::ManageConsultations,
        Action::AnswerConsultation,
    ];
}

/// What an action is applied to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    Forum { id: i32, public: bool },
    /// Any of these forums (e.g. the forums an invitee was invited to).
    Forums(Vec<i32>),
    User(i32),
    /// A material: its forum, whether the agenda it belongs to is published, and the proposer
    /// while it belongs to an addition that is not yet on the agenda.
    Material { forum: i32, public: bool, published: bool, proposer: Option<i32> },
    /// An action: its forum and the person who owns it, if any.
    Action { forum: i32, owner: Option<i32> },
    /// A summary: its forum, whether it is published, and the reviewers named for its draft.
    Summary { forum: i32, public: bool, published: bool, reviewers: Vec<i32> },
    /// An organisation's answer in a forum: whether the organisation is one of the forum's members.
    OrganisationAnswer { forum: i32, organisation: i32, member: bool },
    /// A survey in a forum, and whether the actor is invited to answer it.
    Invitation { forum: i32, invited: bool },
    /// A survey's results: its forum, and whether the insights are published to the forum.
    SurveyResults { forum: i32, shared: bool },
}

/// Decide. `Unauthenticated` when signing in could help, `Forbidden` when it cannot.
pub fn authorize(actor: &Actor, action: Action, scope: &Scope) -> Result<(), AppError> {
    if allowed(actor, action, scope) {
        Ok(())
    } else if actor.user.is_none() {
        Err(AppError::Unauthenticated)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The same decision as a flag for the UI.
pub fn can(actor: &Actor, action: Action, scope: &Scope) -> bool {
    allowed(actor, action, scope)
}

fn allowed(actor: &Actor, action: Action, scope: &Scope) -> bool {
    use Action::*;
    // Reading a public forum, and its published materials, needs no account.
    match (action, scope) {
        (ViewForum, Scope::Forum { public: true, .. }) => return true,
        (ReadMaterial, Scope::Material { public: true, published: true, proposer: None, .. }) => return true,
        (ReadSummary, Scope::Summary { public: true, published: true, .. }) => return true,
        _ => {}
    }
    let Some(user) = &actor.user else { return false };
    // What one does in one's own name (one's words, one's answer, one's organisation's answer):
    // an admin is no exception, or the counts and the record would no longer be true.
    match (action, scope) {
        (EditOwnComment, Scope::User(author)) => return *author == user.id,
        (AnswerSurvey, Scope::Invitation { forum, invited }) => return *invited && actor.role_in(*forum).is_some(),
        (AnswerConsultation, Scope::OrganisationAnswer { forum, organisation, member }) => {
            return *member && *organisation == user.organisation_id && actor.role_in(*forum).is_some()
        }
        (EditOwnComment | AnswerSurvey | AnswerConsultation, _) => return false,
        _ => {}
    }
    if user.is_admin {
        return true;
    }
    let secretariat_of = |f: i32| actor.role_in(f) == Some(ForumRole::Secretariat);
    match (action, scope) {
        (ViewOwnAccount | EditOwnAccount, Scope::Global) => true,
        (ListOrganisations | ListUsers | CreateForum, Scope::Global) => actor.is_secretariat_anywhere(),
        (ManageOrganisations | GrantAdmin | SetUserActive | ErasePerson, _) => false,
        (InviteUser | SetForumRole | ManageForum | ManageMeetings, Scope::Forum { id, .. }) => secretariat_of(*id),
        (ManageInvitation, Scope::Forums(ids)) => ids.iter().any(|f| secretariat_of(*f)),
        (ViewForum | ProposeAddition | PostUpdate | Comment, Scope::Forum { id, .. }) => actor.role_in(*id).is_some(),
        (ViewParticipants, Scope::Forum { id, public }) => *public || actor.role_in(*id).is_some(),
        (ManageSummary | ModerateComment | ManageSurveys | ManageConsultations, Scope::Forum { id, .. }) => secretariat_of(*id),
        (ReadSurveyResults, Scope::SurveyResults { forum, shared }) => secretariat_of(*forum) || (*shared && actor.role_in(*forum).is_some()),
        (ReadSummary, Scope::Summary { forum, published, reviewers, .. }) => {
            secretariat_of(*forum) || (actor.role_in(*forum).is_some() && (*published || reviewers.contains(&user.id)))
        }
        (ManageActions | Escalate, Scope::Forum { id, .. }) => actor.role_in(*id).is_some_and(|r| r >= ForumRole::Coordinator),
        (UpdateActionStatus, Scope::Action { forum, owner }) => {
            actor.role_in(*forum).is_some_and(|r| r >= ForumRole::Coordinator) || (*owner == Some(user.id) && actor.role_in(*forum).is_some())
        }
        (ReadMaterial, Scope::Material { forum, proposer: Some(p), .. }) => *p == user.id || secretariat_of(*forum),
        (ReadMaterial, Scope::Material { forum, published, .. }) => secretariat_of(*forum) || (*published && actor.role_in(*forum).is_some()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: i32 = 1; // the forum the roles below hold
    const OTHER: i32 = 2; // a forum they have no role in

    fn user(is_admin: bool, role: Option<ForumRole>) -> Actor {
        Actor {
            user: Some(ActorUser {
                id: 10,
                name: "Test".into(),
                email: "t@example.se".into(),
                organisation_id: 1,
                organisation: "Org".into(),
                is_admin,
                language: "sv".into(),
                forums: role.map(|role| vec![MemberForum { id: F, role, name: "Forum".into(), slug: "forum".into(), level: "tactical".into() }]).unwrap_or_default(),
                previous_visit_at: None,
                calendar_token: None,
                page_generation: 0,
            }),
        }
    }

    /// Who, in order: anonymous, signed in without role, member, coordinator, secretariat, admin.
    fn actors() -> [(&'static str, Actor); 6] {
        [
            ("anonymous", Actor::anonymous()),
            ("no role", user(false, None)),
            ("member", user(false, Some(ForumRole::Member))),
            ("coordinator", user(false, Some(ForumRole::Coordinator))),
            ("secretariat", user(false, Some(ForumRole::Secretariat))),
            ("admin", user(true, None)),
        ]
    }

    /// The expected answer per actor (same order as `actors`), for every action and scope.
    fn table() -> Vec<(Action, Scope, [bool; 6])> {
        use Action::*;
        let f = Scope::Forum { id: F, public: false };
        let other = Scope::Forum { id: OTHER, public: false };
        let public = Scope::Forum { id: OTHER, public: true };
        vec![
            (ViewOwnAccount, Scope::Global, [false, true, true, true, true, true]),
            (EditOwnAccount, Scope::Global, [false, true, true, true, true, true]),
            (ListOrganisations, Scope::Global, [false, false, false, false, true, true]),
            (ManageOrganisations, Scope::Global, [false, false, false, false, false, true]),
            (ListUsers, Scope::Global, [false, false, false, false, true, true]),
            (InviteUser, f.clone(), [false, false, false, false, true, true]),
            (InviteUser, other.clone(), [false, false, false, false, false, true]),
            (InviteUser, Scope::Global, [false, false, false, false, false, true]),
            (ManageInvitation, Scope::Forums(vec![OTHER, F]), [false, false, false, false, true, true]),
            (ManageInvitation, Scope::Forums(vec![OTHER]), [false, false, false, false, false, true]),
            (ManageInvitation, Scope::Forums(vec![]), [false, false, false, false, false, true]),
            (SetForumRole, f.clone(), [false, false, false, false, true, true]),
            (SetForumRole, other.clone(), [false, false, false, false, false, true]),
            (GrantAdmin, Scope::Global, [false, false, false, false, false, true]),
            (SetUserActive, Scope::User(99), [false, false, false, false, false, true]),
            (ErasePerson, Scope::User(99), [false, false, false, false, false, true]),
            (ViewForum, f.clone(), [false, false, true, true, true, true]),
            (ViewForum, other.clone(), [false, false, false, false, false, true]),
            (ViewForum, public.clone(), [true, true, true, true, true, true]),
            (ViewParticipants, f.clone(), [false, false, true, true, true, true]),
            (ViewParticipants, other.clone(), [false, false, false, false, false, true]),
            (ViewParticipants, public, [false, true, true, true, true, true]),
            (CreateForum, Scope::Global, [false, false, false, false, true, true]),
            (ManageForum, f.clone(), [false, false, false, false, true, true]),
            (ManageForum, other.clone(), [false, false, false, false, false, true]),
            (ManageMeetings, f.clone(), [false, false, false, false, true, true]),
            (ManageMeetings, other.clone(), [false, false, false, false, false, true]),
            (ProposeAddition, f.clone(), [false, false, true, true, true, true]),
            (ProposeAddition, other.clone(), [false, false, false, false, false, true]),
            (ProposeAddition, Scope::Forum { id: OTHER, public: true }, [false, false, false, false, false, true]),
            (ReadMaterial, Scope::Material { forum: F, public: false, published: true, proposer: None }, [false, false, true, true, true, true]),
            (ReadMaterial, Scope::Material { forum: F, public: false, published: false, proposer: None }, [false, false, false, false, true, true]),
            (ReadMaterial, Scope::Material { forum: OTHER, public: false, published: true, proposer: None }, [false, false, false, false, false, true]),
            (ReadMaterial, Scope::Material { forum: OTHER, public: true, published: true, proposer: None }, [true, true, true, true, true, true]),
            (ReadMaterial, Scope::Material { forum: OTHER, public: true, published: false, proposer: None }, [false, false, false, false, false, true]),
            (ReadMaterial, Scope::Material { forum: F, public: true, published: true, proposer: Some(99) }, [false, false, false, false, true, true]),
            (ReadMaterial, Scope::Material { forum: F, public: false, published: false, proposer: Some(10) }, [false, true, true, true, true, true]),
            (ManageActions, f.clone(), [false, false, false, true, true, true]),
            (ManageActions, other.clone(), [false, false, false, false, false, true]),
            (UpdateActionStatus, Scope::Action { forum: F, owner: None }, [false, false, false, true, true, true]),
            (UpdateActionStatus, Scope::Action { forum: F, owner: Some(10) }, [false, false, true, true, true, true]),
            (UpdateActionStatus, Scope::Action { forum: OTHER, owner: Some(10) }, [false, false, false, false, false, true]),
            (Comment, f.clone(), [false, false, true, true, true, true]),
            (Escalate, f.clone(), [false, false, false, true, true, true]),
            (Escalate, other.clone(), [false, false, false, false, false, true]),
            (Comment, Scope::Forum { id: OTHER, public: true }, [false, false, false, false, false, true]),
            (ReadSummary, Scope::Summary { forum: F, public: false, published: true, reviewers: vec![] }, [false, false, true, true, true, true]),
            (ReadSummary, Scope::Summary { forum: F, public: false, published: false, reviewers: vec![] }, [false, false, false, false, true, true]),
            (ReadSummary, Scope::Summary { forum: F, public: false, published: false, reviewers: vec![10] }, [false, false, true, true, true, true]),
            (ReadSummary, Scope::Summary { forum: OTHER, public: false, published: false, reviewers: vec![10] }, [false, false, false, false, false, true]),
            (ReadSummary, Scope::Summary { forum: OTHER, public: true, published: true, reviewers: vec![] }, [true, true, true, true, true, true]),
            (ReadSummary, Scope::Summary { forum: OTHER, public: true, published: false, reviewers: vec![] }, [false, false, false, false, false, true]),
            (ManageSummary, f.clone(), [false, false, false, false, true, true]),
            (ManageSummary, other.clone(), [false, false, false, false, false, true]),
            (ModerateComment, f.clone(), [false, false, false, false, true, true]),
            (ModerateComment, other.clone(), [false, false, false, false, false, true]),
            (EditOwnComment, Scope::User(10), [false, true, true, true, true, true]),
            (EditOwnComment, Scope::User(99), [false, false, false, false, false, false]),
            (ViewAudit, Scope::Global, [false, false, false, false, false, true]),
            (ManageSurveys, f.clone(), [false, false, false, false, true, true]),
            (ManageSurveys, other.clone(), [false, false, false, false, false, true]),
            (AnswerSurvey, Scope::Invitation { forum: F, invited: true }, [false, false, true, true, true, false]),
            (AnswerSurvey, Scope::Invitation { forum: F, invited: false }, [false, false, false, false, false, false]),
            (AnswerSurvey, Scope::Invitation { forum: OTHER, invited: true }, [false, false, false, false, false, false]),
            (AnswerSurvey, f.clone(), [false, false, false, false, false, false]),
            (ReadSurveyResults, Scope::SurveyResults { forum: F, shared: false }, [false, false, false, false, true, true]),
            (ReadSurveyResults, Scope::SurveyResults { forum: F, shared: true }, [false, false, true, true, true, true]),
            (ReadSurveyResults, Scope::SurveyResults { forum: OTHER, shared: true }, [false, false, false, false, false, true]),
            (ManageConsultations, f.clone(), [false, false, false, false, true, true]),
            (ManageConsultations, other.clone(), [false, false, false, false, false, true]),
            (AnswerConsultation, Scope::OrganisationAnswer { forum: F, organisation: 1, member: true }, [false, false, true, true, true, false]),
            (AnswerConsultation, Scope::OrganisationAnswer { forum: F, organisation: 2, member: true }, [false, false, false, false, false, false]),
            (AnswerConsultation, Scope::OrganisationAnswer { forum: F, organisation: 1, member: false }, [false, false, false, false, false, false]),
            (AnswerConsultation, Scope::OrganisationAnswer { forum: OTHER, organisation: 1, member: true }, [false, false, false, false, false, false]),
            (PostUpdate, f, [false, false, true, true, true, true]),
            (PostUpdate, other, [false, false, false, false, false, true]),
        ]
    }

    #[test]
    fn the_table_covers_every_action() {
        let t = table();
        for a in Action::ALL {
            assert!(t.iter().any(|(x, _, _)| *x == a), "{a:?} missing from the policy table");
        }
    }

    #[test]
    fn policy_matches_the_table_for_every_role() {
        for (action, scope, expected) in table() {
            for ((who, actor), want) in actors().iter().zip(expected) {
                assert_eq!(
                    can(actor, action, &scope),
                    want,
                    "{who} {action:?} on {scope:?} should be {}",
                    if want { "allowed" } else { "refused" }
                );
            }
        }
    }

    #[test]
    fn refusals_say_whether_signing_in_would_help() {
        let scope = Scope::Global;
        assert_eq!(authorize(&Actor::anonymous(), Action::ListUsers, &scope), Err(AppError::Unauthenticated));
        assert_eq!(authorize(&user(false, None), Action::ListUsers, &scope), Err(AppError::Forbidden));
        assert_eq!(authorize(&user(true, None), Action::ListUsers, &scope), Ok(()));
    }
}
