//! The chain a file's certificates form, worked out once when the file is loaded (signature checks are the
//! costly part) and read by the chain rules.
//!
//! A chain starts at the leaf (the certificate that issued none of the others) and follows issuer names
//! through the file, checking each signature with the issuer's key. A file of CA certificates only (a
//! trust bundle) is not a chain. Neither is a single certificate, unless the file is named as a full chain.

use super::{Block, Certificate, PemBundle, Verification};
use std::path::Path;

/// What is wrong with a file's chain.
pub enum ChainProblem<'a> {
    /// The certificate at `block` is not where the chain needs it: `expected` should be there.
    OutOfOrder {
        /// The misplaced certificate's block.
        block: &'a Block,
        /// The certificate the chain needs at that position.
        expected: &'a Certificate,
        /// The certificate found there.
        found: &'a Certificate,
    },
    /// A certificate in the file belongs to no chain from the leaf.
    Unrelated {
        /// Its block.
        block: &'a Block,
        /// It.
        cert: &'a Certificate,
    },
    /// The chain stops at a certificate whose issuer is not in the file.
    MissingIssuer {
        /// The certificate whose issuer is missing.
        block: &'a Block,
        /// It.
        cert: &'a Certificate,
    },
    /// An issuer's key does not verify the signature of the certificate naming it.
    BadSignature {
        /// The certificate whose signature fails.
        block: &'a Block,
        /// It.
        cert: &'a Certificate,
        /// The certificate named as its issuer.
        issuer: &'a Certificate,
    },
}

/// A [`ChainProblem`] as stored in the bundle: positions among its certificates instead of references.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stored {
    OutOfOrder { at: usize, expected: usize },
    Unrelated { at: usize },
    MissingIssuer { at: usize },
    BadSignature { at: usize, issuer: usize },
}

impl Stored {
    /// The problem with its positions resolved against `certs` (the bundle's certificates in file order).
    pub(crate) fn resolve<'a>(self, certs: &[(&'a Block, &'a Certificate)]) -> ChainProblem<'a> {
        match self {
            Stored::OutOfOrder { at, expected } => ChainProblem::OutOfOrder {
                block: certs[at].0,
                expected: certs[expected].1,
                found: certs[at].1,
            },
            Stored::Unrelated { at } => ChainProblem::Unrelated {
                block: certs[at].0,
                cert: certs[at].1,
            },
            Stored::MissingIssuer { at } => ChainProblem::MissingIssuer {
                block: certs[at].0,
                cert: certs[at].1,
            },
            Stored::BadSignature { at, issuer } => ChainProblem::BadSignature {
                block: certs[at].0,
                cert: certs[at].1,
                issuer: certs[issuer].1,
            },
        }
    }
}

fn is_full_chain_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.contains("fullchain") || name.contains("full-chain") || name.contains("full_chain")
}

/// The problems of `bundle`'s chain; `path` is where it was read (a name like `fullchain.pem` makes even one
/// certificate a chain).
pub(crate) fn problems(bundle: &PemBundle, path: &Path) -> Vec<Stored> {
    let certs: Vec<(&Block, &Certificate)> = bundle.certificates().collect();
    let full_chain = is_full_chain_name(path);
    if certs.is_empty() || (certs.len() == 1 && !full_chain) {
        return Vec::new();
    }
    if certs.iter().all(|(_, c)| c.is_ca == Some(true)) && !full_chain {
        return Vec::new();
    }
    let issues = |issuer: usize, subject: usize| {
        issuer != subject
            && !certs[subject].1.self_issued
            && certs[subject].1.names_issuer(certs[issuer].1)
    };
    // The leaf: issues none of the others; a non-CA one first.
    let issues_none: Vec<usize> = (0..certs.len())
        .filter(|&i| !(0..certs.len()).any(|j| issues(i, j)))
        .collect();
    let Some(&leaf) = issues_none
        .iter()
        .find(|&&i| certs[i].1.is_ca != Some(true))
        .or(issues_none.first())
    else {
        return Vec::new(); // every certificate issues another: a loop of names, nothing sensible to say
    };
    let mut order = vec![leaf];
    let mut problems = Vec::new();
    while let Some(&last) = order.last() {
        let cert = certs[last].1;
        if cert.self_issued {
            break;
        }
        let Some(next) = (0..certs.len()).find(|&j| !order.contains(&j) && issues(j, last)) else {
            // Roots are left out of chains on purpose; an intermediate whose issuer is absent ends it well.
            if cert.is_ca != Some(true) {
                problems.push(Stored::MissingIssuer { at: last });
            }
            break;
        };
        if cert.verify_signed_by(certs[next].1) == Verification::Invalid {
            problems.push(Stored::BadSignature {
                at: last,
                issuer: next,
            });
        }
        order.push(next);
    }
    if let Some(position) = (0..order.len()).find(|&i| order[i] != i) {
        problems.push(Stored::OutOfOrder {
            at: position,
            expected: order[position],
        });
    }
    // Past a missing issuer, the rest of the file may be the far side of the gap: not called unrelated.
    let broken = problems
        .iter()
        .any(|p| matches!(p, Stored::MissingIssuer { .. }));
    for index in 0..certs.len() {
        if !broken && !order.contains(&index) {
            problems.push(Stored::Unrelated { at: index });
        }
    }
    problems
}
