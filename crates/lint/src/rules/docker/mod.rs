//! Dockerfile rules. Each reads the stage model of `shiplint_model::docker`.

mod common;

pub mod add_instead_of_copy;
pub mod apt_get_installs_recommends;
pub mod apt_get_without_yes;
pub mod cd_in_run;
pub mod cgo_binary_wrong_libc;
pub mod copy_all_before_install;
pub mod copy_from_unknown_stage;
pub mod curl_pipe_shell;
pub mod deprecated_maintainer;
pub mod duplicate_cmd;
pub mod duplicate_stage_name;
pub mod empty_continuation_line;
pub mod insecure_download;
pub mod invalid_expose_port;
pub mod isolated_apt_get_update;
pub mod missing_ca_certificates;
pub mod non_numeric_user;
pub mod package_cache_kept;
pub mod pipe_without_pipefail;
pub mod relative_workdir;
pub mod runs_as_root;
pub mod secret_file_copied;
pub mod secret_in_env;
pub mod shell_form_command;
pub mod single_stage_build;
pub mod undefined_arg_in_from;
pub mod unpinned_base_image;
pub mod unpinned_package_install;
pub mod useradd_bloats_lastlog;
