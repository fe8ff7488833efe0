//! Drag and drop of a draft agenda's items, the meeting page's one part that needs script. An
//! island: it ships only this code to the browser and listens on the list the server rendered
//! (`ol.agenda__items[data-meeting]`, items with `data-item`). The buttons Move up and Move down do
//! the same without script.
use leptos::prelude::*;

/// `failed` is the translated message for a refused order (the page is loaded again after a good one).
#[island]
pub fn AgendaDrag(meeting_id: i32, failed: String) -> impl IntoView {
    let error = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| client::attach(meeting_id, error));
    #[cfg(not(feature = "hydrate"))]
    let _ = meeting_id;
    view! {
        <div aria-live="assertive">
            {move || error.get().then(|| view! { <p class="notice notice--error" role="alert">{failed.clone()}</p> })}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{DragEvent, Element, Event};

    use crate::meetings::api::reorder_agenda;

    const DRAGGING: &str = "agenda__item--dragging";
    const DROP: &str = "agenda__item--drop";

    fn item_of(ev: &Event) -> Option<Element> {
        ev.target()?.dyn_into::<Element>().ok()?.closest("li[data-item][draggable=\"true\"]").ok()?
    }

    fn clear(list: &Element) {
        if let Ok(marked) = list.query_selector_all(&format!(".{DRAGGING}, .{DROP}")) {
            for i in 0..marked.length() {
                if let Some(el) = marked.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.class_list().remove_2(DRAGGING, DROP);
                }
            }
        }
    }

    /// The list's item ids with `dragged` moved to where `target` is.
    fn new_order(list: &Element, dragged: &str, target: &str) -> Option<String> {
        let items = list.query_selector_all("li[data-item]").ok()?;
        let mut ids: Vec<String> = (0..items.length())
            .filter_map(|i| items.item(i).and_then(|n| n.dyn_into::<Element>().ok()).and_then(|e| e.get_attribute("data-item")))
            .collect();
        let from = ids.iter().position(|x| x == dragged)?;
        let to = ids.iter().position(|x| x == target)?;
        if from == to {
            return None;
        }
        let moved = ids.remove(from);
        ids.insert(to, moved);
        Some(ids.join(","))
    }

    fn on(list: &Element, name: &str, f: impl FnMut(DragEvent) + 'static) {
        let cb = Closure::<dyn FnMut(DragEvent)>::new(f);
        let _ = list.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
        // The list lives as long as the page.
        cb.forget();
    }

    pub fn attach(meeting_id: i32, error: RwSignal<bool>) {
        let Some(list) = document().query_selector(&format!("ol.agenda__items[data-meeting=\"{meeting_id}\"]")).ok().flatten() else {
            return;
        };
        let dragged = StoredValue::new(None::<String>);
        on(&list, "dragstart", move |ev| {
            let Some(li) = item_of(&ev) else { return };
            let id = li.get_attribute("data-item").unwrap_or_default();
            // Firefox starts a drag only with data set.
            if let Some(dt) = ev.data_transfer() {
                let _ = dt.set_data("text/plain", &id);
            }
            let _ = li.class_list().add_1(DRAGGING);
            dragged.set_value(Some(id));
        });
        let l = list.clone();
        on(&list, "dragover", move |ev| {
            if let (Some(li), true) = (item_of(&ev), dragged.with_value(Option::is_some)) {
                ev.prevent_default();
                if !li.class_list().contains(DROP) {
                    if let Ok(Some(old)) = l.query_selector(&format!(".{DROP}")) {
                        let _ = old.class_list().remove_1(DROP);
                    }
                    let _ = li.class_list().add_1(DROP);
                }
            }
        });
        let l = list.clone();
        on(&list, "dragend", move |_| {
            dragged.set_value(None);
            clear(&l);
        });
        let l = list.clone();
        on(&list, "drop", move |ev| {
            ev.prevent_default();
            let (Some(target), Some(d)) = (item_of(&ev), dragged.get_value()) else { return };
            dragged.set_value(None);
            clear(&l);
            let Some(order) = target.get_attribute("data-item").and_then(|t| new_order(&l, &d, &t)) else { return };
            leptos::task::spawn_local(async move {
                match reorder_agenda(meeting_id, order).await {
                    // The server computes the clock times: show its page.
                    Ok(()) => {
                        let _ = window().location().reload();
                    }
                    Err(_) => error.set(true),
                }
            });
        });
    }
}
