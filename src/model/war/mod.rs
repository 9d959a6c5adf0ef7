//! The war model: its state, its monthly step, and the outputs it records.
//!
//! - [`outputs`]: the world and side variables ([`WAR_WORLD`], [`WAR_SIDE`]) and their column
//!   indices ([`col`]), generated from one list.
//! - [`state`]: [`WarState`], each side's stocks, economy, morale and territory.
//! - [`step`](mod@step): the month — every mechanism in its order, as a function of the state,
//!   the parameters, the month's inputs and its shocks.
//! - [`record`](mod@record): one output row from the state after a month.
//! - [`events`]: what the step reports for the event log.
//!
//! The run loop (random streams, schedule, end of a run) is `sim`'s; end conditions and the
//! sides' judgment are `judgment`'s.

pub mod events;
pub mod outputs;
pub mod record;
pub mod state;
pub mod step;

pub use events::{Happening, Note};
pub use outputs::{BOUNTY_VARS, WAR_SIDE, WAR_WORLD, col, columns};
pub use record::{Perceived, record};
pub use state::{SideState, WarState};
pub use step::{MonthInputs, MonthOut, MonthShocks, SideFlows, lognormal, step};
