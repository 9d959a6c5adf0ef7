//! The parameter catalogue: every scalar parameter declared once, and everything derived from
//! the declarations.
//!
//! - [`spec`]: one parameter's static description ([`ParamSpec`]: unit, default, valid range,
//!   source), a value as written ([`Param`]: a number or a distribution) and its sampler.
//! - [`group`]: the [`param_group!`](crate::param_group) macro (a group's typed struct, its
//!   file mirror and its spec table) and [`side_groups!`](crate::side_groups) (a side's groups
//!   listed once, in slot order).
//! - [`groups`]: the declarations themselves, mechanism by mechanism.
//! - [`layout`]: where groups live in a scenario's flat slot list, and [`Params`], one run's
//!   typed parameters read back from it.
//!
//! Validation and `--set` (`scenario`), the generated docs tables and the model's
//! typed parameters (`model`) all derive from here; this module imports neither.

pub mod group;
pub mod groups;
pub mod layout;
pub mod spec;

pub use group::{GroupFile, GroupInfo, ParamGroup};
pub use groups::*;
pub use layout::{
    DONOR_GROUP, Layout, Params, SIDE_GROUPS, SideFile, SideParams, SideParamsRef, WORLD_GROUP, catalogue, side_len,
    side_spec, take,
};
pub use spec::{DIST_NAMES, Dist, Param, ParamSpec, Sampler, Slot, fmt_num};

/// Length of an average month in days (the war model's step).
pub const MONTH_DAYS: f64 = 30.4375;
