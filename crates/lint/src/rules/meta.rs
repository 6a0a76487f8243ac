//! Rules whose findings the engine makes itself: syntax errors, unreadable files, crashed rules, suppressions.

use crate::declare_rule;

declare_rule! {
    /// A file does not parse; the rest of it and the run are still checked.
    #[derive(Default)]
    pub struct SyntaxError {}
    code = "SYN001", name = "syntax-error", domain = "syntax", severity = Error,
}

declare_rule! {
    /// A file found while walking a directory could not be read, so it was not checked.
    #[derive(Default)]
    pub struct UnreadableFile {}
    code = "SYN002", name = "unreadable-file", domain = "syntax", severity = Error,
}

declare_rule! {
    /// A rule crashed on a file; the other rules and files were still checked.
    #[derive(Default)]
    pub struct InternalError {}
    code = "INT001", name = "internal-error", domain = "meta", severity = Error,
}

declare_rule! {
    /// A `shiplint: ignore[...]` comment suppresses nothing.
    #[derive(Default)]
    pub struct UnusedSuppression {}
    code = "SUP001", name = "unused-suppression", domain = "meta", severity = Info,
}

declare_rule! {
    /// A `shiplint:` comment is malformed or names a rule that does not exist.
    #[derive(Default)]
    pub struct InvalidSuppression {}
    code = "SUP002", name = "invalid-suppression", domain = "meta", severity = Warning,
}
