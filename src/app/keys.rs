//! Keys and the mouse wheel: the mode on top of `App::modals` takes a key (the shell,
//! the task's answer prompt, the help, a confirmation, the `g` jump prompt, a question);
//! with none open, the lesson's keys apply, by the focused pane.
//! Paging and the mouse go by the geometry of the last frame drawn.

use super::{App, Effect, Modal, Notice, Pane};
use crate::lab::Mode;
use crate::lesson::Step;
use crate::source::Source;
use crate::words;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::time::Instant;

pub fn key(app: &mut App, key: KeyEvent, now: Instant) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    // The shell pane, when it has the keyboard, takes every key (Ctrl-C too).
    if app.modals.top() == Some(&Modal::Shell) {
        let effects = super::shell::key(app, key);
        // Typing in the shell: the trees show the lab now, not a snapshot.
        if effects.iter().any(|e| matches!(e, Effect::ShellInput(_))) {
            app.show_now(now);
        }
        return effects;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return quit(app);
    }
    // Any key clears the last notice: it has been seen.
    app.notice = None;
    // The mode on top takes the key; the precedence is the stack's (see `modal`).
    match app.modals.top().cloned() {
        Some(Modal::Shell) | None => lesson_key(app, key, now),
        Some(Modal::Answer(_)) => super::task::key(app, key),
        Some(Modal::Help { scroll }) => help_key(app, key.code, scroll),
        Some(Modal::ConfirmShell) => {
            app.modals.pop();
            match key.code {
                KeyCode::Enter | KeyCode::Char('y' | 'Y') => open_shell(app, now),
                _ => Vec::new(),
            }
        }
        Some(Modal::ConfirmTeardown) => {
            app.modals.pop();
            match key.code {
                KeyCode::Enter | KeyCode::Char('y' | 'Y') => app.run(),
                _ => {
                    app.notice = Some(Notice::Info(
                        words::overlays::TEARDOWN_KEPT.get(app.lang).to_string(),
                    ));
                    Vec::new()
                }
            }
        }
        Some(Modal::Goto(_)) => goto_key(app, key.code),
        // A question on screen takes the keys it answers with (see `asking`).
        Some(Modal::Asking(_)) => {
            super::asking::key(app, key.code).unwrap_or_else(|| lesson_key(app, key, now))
        }
    }
}

/// The key help, scrolled `scroll` rows down: the arrows scroll it, within what the last
/// frame could show; Esc, `?` or Enter close it.
fn help_key(app: &mut App, code: KeyCode, scroll: u16) -> Vec<Effect> {
    let max = i32::from(app.geometry.help_max);
    let by = match code {
        KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter => {
            app.modals.pop();
            return Vec::new();
        }
        KeyCode::Char('q') => return quit(app),
        KeyCode::Up | KeyCode::Char('k') => -1,
        KeyCode::Down | KeyCode::Char('j') => 1,
        KeyCode::PageUp => -10,
        KeyCode::PageDown => 10,
        KeyCode::Home => -max,
        KeyCode::End => max,
        _ => 0,
    };
    let scrolled = (i32::from(scroll) + by).clamp(0, max);
    app.modals.open(Modal::Help {
        scroll: u16::try_from(scrolled).unwrap_or(0),
    });
    Vec::new()
}

/// A key with nothing above the panes (or one a question leaves to them).
fn lesson_key(app: &mut App, key: KeyEvent, now: Instant) -> Vec<Effect> {
    match key.code {
        KeyCode::Char('q') => quit(app),
        KeyCode::Right | KeyCode::Char('l' | 'n' | ' ') => {
            app.go_to(app.step.next().unwrap_or(app.step))
        }
        KeyCode::Left | KeyCode::Char('p') => app.go_to(app.step.prev().unwrap_or(app.step)),
        KeyCode::Char('h') => super::task::ask(app),
        KeyCode::Char('a') => super::task::open_prompt(app),
        // While "before" is shown, Enter goes on to "after" rather than running again.
        KeyCode::Enter if app.showing_before() => {
            app.toggle_moment(now);
            Vec::new()
        }
        KeyCode::Enter => super::asking::enter(app),
        KeyCode::Char('b') => {
            if !app.toggle_moment(now) {
                app.notice = Some(Notice::Info(
                    words::tree::NO_MOMENTS.get(app.lang).to_string(),
                ));
            }
            Vec::new()
        }
        KeyCode::Char('S') | KeyCode::F(5) => {
            app.talk = !app.talk;
            app.zoom = false;
            // The lesson and the code are not shown in talk mode: the focus goes to a tree.
            if app.talk && matches!(app.focus, Pane::Lesson | Pane::Code) {
                app.focus = Pane::Host;
            }
            Vec::new()
        }
        KeyCode::Char(c @ '1'..='4') => {
            focus_digit(app, c.to_digit(10).unwrap_or(1));
            Vec::new()
        }
        KeyCode::Char('t') if app.talk => {
            talk_text(app);
            Vec::new()
        }
        KeyCode::Char('R') => app.switch_source(now),
        KeyCode::Char('g') => {
            app.modals.open(Modal::Goto(String::new()));
            Vec::new()
        }
        KeyCode::Char('r') => app.reset(),
        KeyCode::Char('P') => super::asking::confirm_reset(app),
        KeyCode::Tab => {
            app.focus = cycle(app, 1);
            Vec::new()
        }
        KeyCode::BackTab => {
            app.focus = cycle(app, Pane::ALL.len() - 1);
            Vec::new()
        }
        KeyCode::Char('z') => {
            app.zoom = !app.zoom;
            Vec::new()
        }
        KeyCode::Char('L') => {
            app.lang = app.lang.other();
            Vec::new()
        }
        KeyCode::Char('f') => {
            app.fold = !app.fold;
            app.set_scroll(Pane::Host, None);
            app.set_scroll(Pane::Ns, None);
            vec![Effect::FullTrees(!app.fold)]
        }
        KeyCode::Char('?') => {
            app.modals.open(Modal::Help { scroll: 0 });
            Vec::new()
        }
        KeyCode::Esc => {
            // Esc closes a pane whose shell has ended (after unzooming first).
            let ended = app
                .shell
                .as_ref()
                .is_some_and(|s| matches!(s.state, super::ShellState::Ended(_)));
            if ended && !app.zoom {
                return super::shell::close(app, now);
            }
            app.zoom = false;
            if app.talk && matches!(app.focus, Pane::Lesson | Pane::Code) {
                app.focus = Pane::Host;
            }
            Vec::new()
        }
        KeyCode::Char('s') => shell(app, now),
        KeyCode::Up | KeyCode::Char('k') => scroll(app, app.focus, -1),
        KeyCode::Down | KeyCode::Char('j') => scroll(app, app.focus, 1),
        KeyCode::PageUp => scroll(app, app.focus, -page(app)),
        KeyCode::PageDown => scroll(app, app.focus, page(app)),
        KeyCode::Home => scroll(app, app.focus, -i32::from(u16::MAX)),
        KeyCode::End => scroll(app, app.focus, i32::from(u16::MAX)),
        _ => Vec::new(),
    }
}

/// The wheel scrolls the pane under the pointer (or the focused one), a click focuses it.
pub fn mouse(app: &mut App, mouse: MouseEvent) -> Vec<Effect> {
    // Over the panes, a question or the help keeps the mouse off them.
    if app.modals.is_open(|m| !matches!(m, Modal::Shell)) {
        return Vec::new();
    }
    if let Some(effects) = super::shell::mouse(app, mouse) {
        return effects;
    }
    let under = app.geometry.pane_at(mouse.column, mouse.row);
    let delta = match mouse.kind {
        MouseEventKind::ScrollUp => -3,
        MouseEventKind::ScrollDown => 3,
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(pane) = under {
                app.focus = pane;
                app.dirty = true;
            }
            return Vec::new();
        }
        _ => return Vec::new(),
    };
    app.dirty = true;
    scroll(app, under.unwrap_or(app.focus), delta)
}

/// `1`-`4` focus a pane; one not on screen (the code on a short screen) is zoomed so it
/// shows. The same digit again, or Esc, comes back. In talk mode a digit never zooms: a stray
/// key must not put the code on the projector (`t` is the talk's way to the lesson).
fn focus_digit(app: &mut App, digit: u32) {
    let Some(pane) = Pane::from_digit(digit) else {
        return;
    };
    if app.talk && !app.zoom && !app.geometry.shows(pane) {
        app.notice = Some(Notice::Info(
            words::talk::DIGIT_IN_TALK.get(app.lang).to_string(),
        ));
        return;
    }
    if app.zoom && app.focus == pane {
        app.zoom = false;
        return;
    }
    app.focus = pane;
    if !app.geometry.shows(pane) || app.zoom {
        app.zoom = true;
    }
}

/// `t` in talk mode: the lesson's text full screen, for the room to read; again, the trees.
fn talk_text(app: &mut App) {
    if app.zoom && app.focus == Pane::Lesson {
        app.zoom = false;
        app.focus = Pane::Host;
    } else {
        app.focus = Pane::Lesson;
        app.zoom = true;
    }
}

fn quit(app: &mut App) -> Vec<Effect> {
    app.quit = true;
    vec![Effect::Quit]
}

/// The next pane (`by` steps on) that is on screen; when zoomed, any pane.
fn cycle(app: &App, by: usize) -> Pane {
    let at = Pane::ALL.iter().position(|&p| p == app.focus).unwrap_or(0);
    (1..=Pane::ALL.len())
        .map(|k| Pane::ALL[(at + by * k) % Pane::ALL.len()])
        .find(|&p| app.zoom || app.geometry.shows(p))
        .unwrap_or(app.focus)
}

fn goto_key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let Some(Modal::Goto(typed)) = app.modals.top_mut() else {
        return Vec::new();
    };
    match code {
        KeyCode::Char(c @ '0'..='9') if typed.len() < 2 => typed.push(c),
        KeyCode::Backspace => {
            typed.pop();
        }
        KeyCode::Enter => {
            let step = typed
                .parse::<usize>()
                .ok()
                .and_then(|n| Step::at(n.checked_sub(1)?));
            app.modals.pop();
            return match step {
                Some(step) => app.go_to(step),
                None => {
                    app.notice = Some(Notice::Info(words::numbered(
                        words::status::GOTO_RANGE,
                        app.lang,
                    )));
                    Vec::new()
                }
            };
        }
        KeyCode::Esc => {
            app.modals.pop();
        }
        _ => {}
    }
    Vec::new()
}

fn shell(app: &mut App, now: Instant) -> Vec<Effect> {
    if app.is_recorded() {
        app.notice = Some(Notice::Info(
            words::shell::RECORDED.get(app.lang).to_string(),
        ));
        return Vec::new();
    }
    // An open pane just takes the keyboard (and starts a new shell if its last ended).
    if app.shell.is_some() && app.views.agent.is_some() {
        return open_shell(app, now);
    }
    if app.views.agent.is_none() || app.busy.is_some() {
        app.notice = Some(Notice::Info(words::shell::NO_LAB.get(app.lang).to_string()));
        return Vec::new();
    }
    if app.source == Source::Live(Mode::Root) {
        app.modals.open(Modal::ConfirmShell);
        return Vec::new();
    }
    open_shell(app, now)
}

/// Opens the shell pane (or gives it the keyboard); the trees show the lab now.
fn open_shell(app: &mut App, now: Instant) -> Vec<Effect> {
    let effects = super::shell::open(app);
    app.show_now(now);
    effects
}

/// Lines in a page of the focused pane, as last drawn.
fn page(app: &App) -> i32 {
    i32::from(app.geometry.of(app.focus).rows.saturating_sub(1).max(1))
}

/// Moves a pane's scroll offset by `delta` rows from where it is: the offset asked for,
/// or else the one last drawn (an automatic one), kept within what the last frame could
/// show. Before the first frame, only within 0..=u16::MAX: the drawing clamps it.
fn scroll(app: &mut App, pane: Pane, delta: i32) -> Vec<Effect> {
    let drawn = app.geometry.of(pane);
    let max = if app.geometry.drawn {
        drawn.max
    } else {
        u16::MAX
    };
    let from = app.scroll_of(pane).unwrap_or(drawn.offset).min(max);
    let next = (i32::from(from) + delta).clamp(0, i32::from(max));
    app.set_scroll(pane, Some(next as u16));
    Vec::new()
}
