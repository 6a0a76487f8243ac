//! Property test: resolving container paths through arbitrary volume entries (short and long syntax, odd
//! separators, drive letters, `..`, unicode) never panics, and a bind-mount resolution always names a mount
//! whose container path covers the path asked for.

use proptest::prelude::*;
use shiplint_model::compose::{Mount, MountKind};
use shiplint_model::mounts::{MountResolution, ServiceMounts};
use shiplint_syntax::{Span, Spanned};
use std::path::Path;

fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "/", "etc", "nginx", "..", ".", "~", "C:", "\\", "$X", "é", "", "//", "conf.d", "a b",
    ])
    .prop_map(str::to_string)
}

fn path() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..6).prop_map(|parts| parts.join("/"))
}

fn mount() -> impl Strategy<Value = Mount> {
    (
        prop::sample::select(vec![
            MountKind::Bind,
            MountKind::Volume,
            MountKind::Tmpfs,
            MountKind::Other,
        ]),
        prop::option::of(path()),
        path(),
    )
        .prop_map(|(kind, source, target)| Mount {
            kind,
            source: source.map(|s| Spanned::new(s, Span::default())),
            target: Spanned::new(target, Span::default()),
            read_only: false,
            span: Span::default(),
        })
}

proptest! {
    #[test]
    fn resolution_never_panics(
        mounts in prop::collection::vec(mount(), 0..5),
        dir in path(),
        asked in path(),
    ) {
        let service = ServiceMounts::from_parts(Path::new(&dir), &mounts);
        let resolved = service.resolve(&asked);
        if let MountResolution::Host { mount, .. } = &resolved {
            prop_assert!(mount.kind == MountKind::Bind);
            prop_assert!(mount.target.value.starts_with('/'));
        }
        if let Some(host) = resolved.host_path() {
            let _ = service.container_paths(host);
        }
    }
}
