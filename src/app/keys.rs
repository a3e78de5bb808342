//! The keyboard: the window's shortcuts and the keys of a dialog.

use super::*;

/// Enter and Esc while a dialog is shown (keys no field or button took;
/// Tab is `focus::tab_order`'s).
pub fn dialog_key(event: keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    if modifiers.command() || modifiers.alt() {
        return None;
    }
    match key {
        keyboard::Key::Named(keyboard::key::Named::Enter) => Some(Message::DialogKey(true)),
        keyboard::Key::Named(keyboard::key::Named::Escape) => Some(Message::DialogKey(false)),
        _ => None,
    }
}

/// The window's keyboard shortcuts: Ctrl+N/O/S, Ctrl+Shift+S, Ctrl+Z,
/// Ctrl+Y / Ctrl+Shift+Z, Ctrl +/−, and F1 for their list.
pub fn shortcut(event: keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed {
        key,
        modifiers,
        physical_key,
        ..
    } = event
    else {
        return None;
    };
    // F1, as in Windows' own programs: the list of shortcuts.
    if key == keyboard::Key::Named(keyboard::key::Named::F1)
        && !modifiers.command()
        && !modifiers.alt()
    {
        return Some(Message::Shortcuts);
    }
    if !modifiers.command() {
        return None;
    }
    let shift = modifiers.shift();
    Some(match key.to_latin(physical_key)?.to_ascii_lowercase() {
        'n' => Message::New,
        'o' => Message::Open,
        's' if shift => Message::SaveAs,
        's' => Message::Save,
        'z' if shift => Message::Redo,
        'z' => Message::Undo,
        'y' => Message::Redo,
        '=' | '+' => Message::ZoomIn,
        '-' => Message::ZoomOut,
        _ => return None,
    })
}
