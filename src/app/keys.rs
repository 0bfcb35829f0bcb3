//! Keys and the mouse wheel: what each does depends on what is open (help, the shell
//! confirmation, the `g` jump prompt, a question) and otherwise on the focused pane.
//! Paging and the mouse go by the geometry of the last frame drawn.

use super::{App, Effect, Notice, Overlay, Pane};
use crate::lab::Mode;
use crate::lesson::Step;
use crate::source::Source;
use crate::words::Words;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::time::Instant;

pub fn key(app: &mut App, key: KeyEvent, now: Instant) -> Vec<Effect> {
    // The shell pane, when it has the focus, takes every key (Ctrl-C too).
    if let Some(effects) = super::shell::key(app, key) {
        return effects;
    }
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return quit(app);
    }
    // Any key clears the last notice: it has been seen.
    app.notice = None;
    // The task's answer prompt, while open, takes every key.
    if let Some(effects) = super::task::key(app, key) {
        return effects;
    }
    match app.overlay {
        Overlay::Help => {
            // On a short screen the help scrolls, within what the last frame could show.
            let max = i32::from(app.geometry.help_max);
            let by = match key.code {
                KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter => {
                    app.overlay = Overlay::None;
                    0
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
            let scrolled = (i32::from(app.help_scroll) + by).clamp(0, max);
            app.help_scroll = u16::try_from(scrolled).unwrap_or(0);
            return Vec::new();
        }
        Overlay::ConfirmShell => {
            app.overlay = Overlay::None;
            return match key.code {
                KeyCode::Enter | KeyCode::Char('y' | 'Y') => open_shell(app),
                _ => Vec::new(),
            };
        }
        Overlay::None => {}
    }
    if app.goto.is_some() {
        return goto_key(app, key.code);
    }
    // A question on screen takes the keys it answers with (see `asking`).
    if let Some(effects) = super::asking::key(app, key.code) {
        return effects;
    }
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
                let words = Words::stage(app.lang);
                app.notice = Some(Notice::Info(words.no_moments.to_string()));
            }
            Vec::new()
        }
        KeyCode::Char('S') | KeyCode::F(5) => {
            app.stage = !app.stage;
            app.zoom = false;
            // The lesson and the code are not on stage: the focus goes to a tree.
            if app.stage && matches!(app.focus, Pane::Lesson | Pane::Code) {
                app.focus = Pane::Host;
            }
            Vec::new()
        }
        KeyCode::Char(c @ '1'..='4') => {
            focus_digit(app, c.to_digit(10).unwrap_or(1));
            Vec::new()
        }
        KeyCode::Char('t') if app.stage => {
            stage_text(app);
            Vec::new()
        }
        KeyCode::Char('R') => app.switch_source(),
        KeyCode::Char('g') => {
            app.goto = Some(String::new());
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
            app.overlay = Overlay::Help;
            app.help_scroll = 0;
            Vec::new()
        }
        KeyCode::Esc => {
            // Esc closes a pane whose shell has ended (after unzooming first).
            let ended = app
                .shell
                .as_ref()
                .is_some_and(|s| matches!(s.state, super::ShellState::Ended(_)));
            if ended && !app.zoom {
                return super::shell::close(app);
            }
            app.zoom = false;
            if app.stage && matches!(app.focus, Pane::Lesson | Pane::Code) {
                app.focus = Pane::Host;
            }
            Vec::new()
        }
        KeyCode::Char('s') => shell(app),
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
    if app.overlay != Overlay::None || app.asking.is_some() {
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
/// shows. The same digit again, or Esc, comes back. On stage a digit never zooms: a stray
/// key must not put the code on the projector (`t` is the stage's way to the lesson).
fn focus_digit(app: &mut App, digit: u32) {
    let Some(pane) = Pane::from_digit(digit) else {
        return;
    };
    if app.stage && !app.zoom && !app.geometry.shows(pane) {
        let words = Words::stage(app.lang);
        app.notice = Some(Notice::Info(words.digit_on_stage.to_string()));
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

/// `t` on stage: the lesson's text full screen, for the room to read; again, the trees.
fn stage_text(app: &mut App) {
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
    let typed = app.goto.get_or_insert_with(String::new);
    match code {
        KeyCode::Char(c @ '0'..='9') if typed.len() < 2 => typed.push(c),
        KeyCode::Backspace => {
            typed.pop();
        }
        KeyCode::Enter => {
            let typed = app.goto.take().unwrap_or_default();
            let step = typed
                .parse::<usize>()
                .ok()
                .and_then(|n| Step::at(n.checked_sub(1)?));
            return match step {
                Some(step) => app.go_to(step),
                None => {
                    let words = Words::of(app.lang);
                    app.notice = Some(Notice::Info(Words::numbered(words.goto_range)));
                    Vec::new()
                }
            };
        }
        KeyCode::Esc => app.goto = None,
        _ => {}
    }
    Vec::new()
}

fn shell(app: &mut App) -> Vec<Effect> {
    let words = Words::of(app.lang);
    if app.is_recorded() {
        app.notice = Some(Notice::Info(words.shell_recorded.to_string()));
        return Vec::new();
    }
    // An open pane just takes the keyboard (and starts a new shell if its last ended).
    if app.shell.is_some() && app.views.agent.is_some() {
        return super::shell::open(app);
    }
    if app.views.agent.is_none() || app.busy.is_some() {
        app.notice = Some(Notice::Info(words.shell_no_lab.to_string()));
        return Vec::new();
    }
    if app.source == Source::Live(Mode::Root) {
        app.overlay = Overlay::ConfirmShell;
        return Vec::new();
    }
    open_shell(app)
}

fn open_shell(app: &mut App) -> Vec<Effect> {
    super::shell::open(app)
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
