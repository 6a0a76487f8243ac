//! The one list of rules. Adding a rule adds one line to [`registry`].

use crate::RuleMeta;
use crate::rule::{Check, Ctx, RuleInfo, Target};
use crate::rules::{app, cert, compose, docker, meta, mounts, nginx, stack, tls};
use shiplint_model::{Document, FileKind, Project};
use std::marker::PhantomData;
use std::sync::LazyLock;

/// A rule built with its options, ready to run.
pub trait DynRule: Send + Sync {
    /// Its metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Runs it on `document`, or on the whole project when `document` is `None`; a no-op when the rule does
    /// not read that kind of target.
    fn check(&self, project: &Project, document: Option<&Document>, cx: &mut Ctx<'_>);
}

/// How a registered rule is run.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Runs {
    /// On every document of this kind.
    PerDocument(FileKind),
    /// Once on the linked project.
    PerProject,
    /// Never by itself: the engine produces its findings (syntax errors, suppressions, internal errors).
    ByEngine,
}

/// Builds a rule from its `[rules.<name>]` options.
type BuildFn = fn(Option<toml::Value>) -> Result<Box<dyn DynRule>, String>;

/// One registry line: the rule's metadata and how to build it from its `[rules.<name>]` options.
pub struct RuleEntry {
    /// The rule's metadata.
    pub meta: &'static RuleMeta,
    /// Where it runs.
    pub runs: Runs,
    build: Option<BuildFn>,
}

impl RuleEntry {
    /// Builds the rule, deserializing its options (`None`: defaults). Errors name the bad option.
    /// `Ok(None)` for rules the engine reports itself.
    pub fn build(&self, options: Option<toml::Value>) -> Result<Option<Box<dyn DynRule>>, String> {
        self.build.map(|build| build(options)).transpose()
    }
}

struct Adapter<R, T> {
    rule: R,
    target: PhantomData<fn(&T)>,
}

impl<R, T> DynRule for Adapter<R, T>
where
    R: RuleInfo + Check<T> + Send + Sync,
    T: Target,
{
    fn meta(&self) -> &'static RuleMeta {
        R::meta()
    }

    fn check(&self, project: &Project, document: Option<&Document>, cx: &mut Ctx<'_>) {
        if let Some(target) = T::select(project, document) {
            self.rule.check(target, cx);
        }
    }
}

fn build<R, T>(options: Option<toml::Value>) -> Result<Box<dyn DynRule>, String>
where
    R: RuleInfo + Check<T> + Default + Send + Sync + serde::de::DeserializeOwned + 'static,
    T: Target,
{
    let rule = match options {
        None => R::default(),
        Some(value) => R::deserialize(value).map_err(|e| e.to_string())?,
    };
    Ok(Box::new(Adapter::<R, T> {
        rule,
        target: PhantomData,
    }))
}

/// A rule that checks targets of type `T`.
pub fn entry<R, T>() -> RuleEntry
where
    R: RuleInfo + Check<T> + Default + Send + Sync + serde::de::DeserializeOwned + 'static,
    T: Target,
{
    let runs = match T::KIND {
        Some(kind) => Runs::PerDocument(kind),
        None => Runs::PerProject,
    };
    RuleEntry {
        meta: R::meta(),
        runs,
        build: Some(build::<R, T>),
    }
}

/// A rule whose findings the engine makes itself.
pub fn engine_entry<R: RuleInfo>() -> RuleEntry {
    RuleEntry {
        meta: R::meta(),
        runs: Runs::ByEngine,
        build: None,
    }
}

/// Every rule, sorted by code.
pub fn registry() -> &'static [RuleEntry] {
    static REGISTRY: LazyLock<Vec<RuleEntry>> = LazyLock::new(|| {
        use shiplint_model::compose::ComposeFile as Compose;
        use shiplint_model::docker::DockerImage as Dockerfile;
        use shiplint_model::nginx::NginxConfig as Nginx;
        use shiplint_model::pem::PemBundle;
        let mut rules = vec![
            engine_entry::<meta::SyntaxError>(),
            engine_entry::<meta::UnreadableFile>(),
            engine_entry::<meta::InternalError>(),
            engine_entry::<meta::UnusedSuppression>(),
            engine_entry::<meta::InvalidSuppression>(),
            entry::<docker::single_stage_build::SingleStageBuild, Dockerfile>(),
            entry::<docker::runs_as_root::RunsAsRoot, Dockerfile>(),
            entry::<docker::unpinned_base_image::UnpinnedBaseImage, Dockerfile>(),
            entry::<docker::package_cache_kept::PackageCacheKept, Dockerfile>(),
            entry::<docker::copy_all_before_install::CopyAllBeforeInstall, Dockerfile>(),
            entry::<docker::shell_form_command::ShellFormCommand, Dockerfile>(),
            entry::<docker::add_instead_of_copy::AddInsteadOfCopy, Dockerfile>(),
            entry::<docker::secret_in_env::SecretInEnv, Dockerfile>(),
            entry::<docker::cd_in_run::CdInRun, Dockerfile>(),
            entry::<docker::pipe_without_pipefail::PipeWithoutPipefail, Dockerfile>(),
            entry::<docker::duplicate_cmd::DuplicateCmd, Dockerfile>(),
            entry::<docker::copy_from_unknown_stage::CopyFromUnknownStage, Dockerfile>(),
            entry::<docker::invalid_expose_port::InvalidExposePort, Dockerfile>(),
            entry::<docker::curl_pipe_shell::CurlPipeShell, Dockerfile>(),
            entry::<docker::insecure_download::InsecureDownload, Dockerfile>(),
            entry::<docker::cgo_binary_wrong_libc::CgoBinaryWrongLibc, Dockerfile>(),
            entry::<docker::missing_ca_certificates::MissingCaCertificates, Dockerfile>(),
            entry::<docker::apt_get_without_yes::AptGetWithoutYes, Dockerfile>(),
            entry::<docker::apt_get_installs_recommends::AptGetInstallsRecommends, Dockerfile>(),
            entry::<docker::relative_workdir::RelativeWorkdir, Dockerfile>(),
            entry::<docker::deprecated_maintainer::DeprecatedMaintainer, Dockerfile>(),
            entry::<docker::duplicate_stage_name::DuplicateStageName, Dockerfile>(),
            entry::<docker::undefined_arg_in_from::UndefinedArgInFrom, Dockerfile>(),
            entry::<docker::secret_file_copied::SecretFileCopied, Dockerfile>(),
            entry::<docker::non_numeric_user::NonNumericUser, Dockerfile>(),
            entry::<docker::empty_continuation_line::EmptyContinuationLine, Dockerfile>(),
            entry::<docker::unpinned_package_install::UnpinnedPackageInstall, Dockerfile>(),
            entry::<docker::isolated_apt_get_update::IsolatedAptGetUpdate, Dockerfile>(),
            entry::<docker::useradd_bloats_lastlog::UseraddBloatsLastlog, Dockerfile>(),
            entry::<cert::cert_expiring_soon::CertExpiringSoon, PemBundle>(),
            entry::<cert::cert_expired::CertExpired, PemBundle>(),
            entry::<cert::cert_key_mismatch::CertKeyMismatch, Project>(),
            entry::<cert::weak_key::WeakKey, PemBundle>(),
            entry::<cert::weak_signature::WeakSignature, PemBundle>(),
            entry::<cert::chain_out_of_order::ChainOutOfOrder, PemBundle>(),
            entry::<cert::chain_incomplete::ChainIncomplete, PemBundle>(),
            entry::<cert::self_signed_leaf::SelfSignedLeaf, PemBundle>(),
            entry::<cert::lifetime_too_long::LifetimeTooLong, PemBundle>(),
            entry::<cert::private_key_committed::PrivateKeyCommitted, PemBundle>(),
            entry::<cert::private_key_readable::PrivateKeyReadable, PemBundle>(),
            entry::<cert::key_not_checked::KeyNotChecked, PemBundle>(),
            entry::<nginx::alias_traversal::AliasTraversal, Nginx>(),
            entry::<nginx::host_spoofing::HostSpoofing, Nginx>(),
            entry::<nginx::ssrf::Ssrf, Nginx>(),
            entry::<nginx::http_splitting::HttpSplitting, Nginx>(),
            entry::<nginx::header_dropped::HeaderDropped, Nginx>(),
            entry::<nginx::server_tokens::ServerTokens, Nginx>(),
            entry::<nginx::valid_referers_none::ValidReferersNone, Nginx>(),
            entry::<nginx::origin_regex::OriginRegex, Nginx>(),
            entry::<nginx::allow_without_deny::AllowWithoutDeny, Nginx>(),
            entry::<nginx::resolver_external::ResolverExternal, Nginx>(),
            entry::<nginx::add_header_multiline::AddHeaderMultiline, Nginx>(),
            entry::<nginx::add_header_content_type::AddHeaderContentType, Nginx>(),
            entry::<nginx::if_is_evil::IfIsEvil, Nginx>(),
            entry::<nginx::include_not_found::IncludeNotFound, Nginx>(),
            entry::<nginx::include_cycle::IncludeCycle, Nginx>(),
            entry::<nginx::stock_include_not_found::StockIncludeNotFound, Nginx>(),
            entry::<tls::weak_tls_protocol::WeakTlsProtocol, Nginx>(),
            entry::<tls::missing_hsts::MissingHsts, Nginx>(),
            entry::<tls::missing_https_redirect::MissingHttpsRedirect, Nginx>(),
            entry::<tls::missing_certificate::MissingCertificate, Nginx>(),
            entry::<tls::deprecated_ssl_directive::DeprecatedSslDirective, Nginx>(),
            entry::<tls::session_tickets::SessionTickets, Nginx>(),
            entry::<tls::weak_cipher::WeakCipher, Nginx>(),
            entry::<tls::weak_dhparam::WeakDhparam, Nginx>(),
            entry::<tls::prefer_server_ciphers::PreferServerCiphers, Nginx>(),
            entry::<mounts::unresolved_mount_path::UnresolvedMountPath, Nginx>(),
            entry::<mounts::path_in_volume::PathInVolume, Nginx>(),
            entry::<mounts::certificate_name_mismatch::CertificateNameMismatch, Nginx>(),
            entry::<compose::hardcoded_secret::HardcodedSecret, Compose>(),
            entry::<compose::unpinned_image::UnpinnedImage, Compose>(),
            entry::<compose::privileged_service::PrivilegedService, Compose>(),
            entry::<compose::sensitive_host_mount::SensitiveHostMount, Compose>(),
            entry::<compose::host_namespace::HostNamespace, Compose>(),
            entry::<compose::database_port_exposed::DatabasePortExposed, Compose>(),
            entry::<compose::dependency_not_healthy::DependencyNotHealthy, Compose>(),
            entry::<compose::obsolete_version::ObsoleteVersion, Compose>(),
            entry::<compose::duplicate_host_port::DuplicateHostPort, Compose>(),
            entry::<compose::duplicate_key::DuplicateKey, Compose>(),
            entry::<compose::base60_port::Base60Port, Compose>(),
            entry::<compose::unknown_key::UnknownKey, Compose>(),
            entry::<compose::missing_build_context::MissingBuildContext, Compose>(),
            entry::<compose::unset_variable::UnsetVariable, Compose>(),
            entry::<compose::invalid_compose_file::InvalidComposeFile, Compose>(),
            entry::<stack::port_mismatch::PortMismatch, Project>(),
            entry::<app::gin_debug_mode::GinDebugMode, Project>(),
            entry::<app::listens_on_loopback::ListensOnLoopback, Project>(),
            entry::<app::listen_address_unknown::ListenAddressUnknown, Project>(),
            entry::<stack::proxy_target_not_found::ProxyTargetNotFound, Project>(),
            entry::<stack::unknown_build_target::UnknownBuildTarget, Project>(),
            entry::<stack::dockerfile_not_checked::DockerfileNotChecked, Project>(),
        ];
        rules.sort_by_key(|rule| rule.meta.code);
        rules
    });
    &REGISTRY
}

/// The rule with this code or name (case-insensitive).
pub fn find(code_or_name: &str) -> Option<&'static RuleEntry> {
    registry().iter().find(|r| {
        r.meta.code.eq_ignore_ascii_case(code_or_name)
            || r.meta.name.eq_ignore_ascii_case(code_or_name)
    })
}
