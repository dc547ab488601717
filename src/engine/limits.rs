//! The limits that keep a hostile page, config or visitor bounded. One
//! source of truth: the composer, the JS API, the engine and the README's
//! "Robustness" section read them from here.

/// The longest visitor message, in characters (Unicode scalar values). The
/// composer stops there and shows a counter; the JS API refuses longer
/// messages with a warning.
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// The most messages a stored conversation keeps; the oldest go first.
pub const MAX_CONVERSATION_MESSAGES: usize = 200;

/// The deepest nesting of arrays and objects a JSON document (config or
/// saved state) may have; deeper is reported as "nesting deeper than N".
/// It bounds the parser's recursion, so a hostile document cannot overflow
/// the stack.
pub const MAX_JSON_DEPTH: usize = 128;

/// The deepest nesting of `all` / `any` / `not` in a rule's conditions;
/// deeper is an error on that rule ("conditions nested deeper than N").
pub const MAX_CONDITION_DEPTH: usize = 32;
