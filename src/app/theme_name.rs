//! Which colour theme the user asked for (`--theme`; NO_COLOR overrides it), and what
//! `auto` makes of the terminal's `COLORFGBG` (the TUI asks the terminal for its
//! background first: `tui::background`). Plain data: the app keeps the name, the
//! ui turns it into colours.

/// A theme by name, as `--theme` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ThemeName {
    /// Light or dark as the terminal says: its background colour (asked), else its
    /// COLORFGBG, else dark
    #[default]
    #[value(alias = "default")]
    Auto,
    /// For terminals with a dark background
    Dark,
    /// For terminals with a light background
    Light,
    /// High contrast for projectors, on dark and light backgrounds alike
    Contrast,
}

impl ThemeName {
    /// `auto` made concrete from a `COLORFGBG` value (`"fg;bg"`, or rxvt's
    /// `"fg;default;bg"`): a background of ANSI colour 7 or 15 is light, any other (or
    /// none) counts as dark, the common case. Other names stay as they are.
    pub fn resolve(self, colorfgbg: Option<&str>) -> ThemeName {
        if self != ThemeName::Auto {
            return self;
        }
        let background = colorfgbg
            .and_then(|value| value.rsplit(';').next())
            .and_then(|bg| bg.trim().parse::<u8>().ok());
        match background {
            Some(7 | 15) => ThemeName::Light,
            _ => ThemeName::Dark,
        }
    }

    /// `auto` made concrete from this process's environment.
    pub fn resolve_from_env(self) -> ThemeName {
        self.resolve(std::env::var("COLORFGBG").ok().as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::ThemeName::{self, *};

    fn auto(colorfgbg: Option<&str>) -> ThemeName {
        Auto.resolve(colorfgbg)
    }

    #[test]
    fn auto_reads_the_background_from_colorfgbg() {
        assert_eq!(auto(Some("0;15")), Light);
        assert_eq!(auto(Some("0;7")), Light);
        assert_eq!(auto(Some("0;default;15")), Light);
        for dark in ["15;0", "7;8", "15;4", "7;6", "0;12", "15;default;0"] {
            assert_eq!(auto(Some(dark)), Dark, "{dark}");
        }
        for unknown in ["", "default", "15;default", "0;x", "0;256"] {
            assert_eq!(auto(Some(unknown)), Dark, "{unknown:?}");
        }
        assert_eq!(auto(None), Dark);
    }

    #[test]
    fn a_named_theme_ignores_colorfgbg() {
        for name in [Dark, Light, Contrast] {
            assert_eq!(name.resolve(Some("0;15")), name);
            assert_eq!(name.resolve(Some("15;0")), name);
        }
    }
}
