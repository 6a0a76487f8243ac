//! Directives and blocks from the token stream, with an explicit stack (no recursion) and a nesting limit,
//! so any input parses in bounded stack space. Errors are recorded and parsing goes on.

use super::ast::{Directive, NginxFile, Word};
use super::lexer::{Lexer, Token};
use crate::FileId;

/// Blocks nested deeper than this are reported and their contents dropped, so every later walk over the tree
/// (and its drop) stays shallow. Real configurations nest a handful of levels.
pub const MAX_DEPTH: usize = 100;

/// Directives whose block is Lua source, kept as one raw argument (OpenResty's `*_by_lua_block`).
const LUA_BLOCKS: &[&str] = &[
    "access_by_lua_block",
    "balancer_by_lua_block",
    "body_filter_by_lua_block",
    "content_by_lua_block",
    "exit_worker_by_lua_block",
    "header_filter_by_lua_block",
    "init_by_lua_block",
    "init_worker_by_lua_block",
    "log_by_lua_block",
    "rewrite_by_lua_block",
    "server_rewrite_by_lua_block",
    "set_by_lua_block",
    "ssl_certificate_by_lua_block",
    "ssl_client_hello_by_lua_block",
    "ssl_session_fetch_by_lua_block",
    "ssl_session_store_by_lua_block",
];

/// Parses nginx configuration text. Never fails: errors are in [`NginxFile::errors`].
///
/// ```
/// use shiplint_syntax::FileId;
/// use shiplint_syntax::nginx::parse;
///
/// let src = "http {\n  server { listen 443 ssl; ssl_protocols TLSv1.2 \"TLSv1.3\"; }\n}\n";
/// let file = parse(FileId(0), src);
/// let server = &file.directives[0].children()[0];
/// assert_eq!(server.name(), "server");
/// let protocols = &server.children()[1];
/// assert_eq!(protocols.arg(1), Some("TLSv1.3"));
/// assert_eq!(protocols.args[1].span.text(src), "\"TLSv1.3\"");
/// assert!(file.errors.is_empty());
/// ```
pub fn parse(file: FileId, text: &str) -> NginxFile {
    let mut lexer = Lexer::new(file, text);
    let mut stack: Vec<Frame> = vec![Frame::root()];
    let mut pending: Option<Token> = None;
    while let Some(token) = pending.take().or_else(|| lexer.next_token()) {
        match token {
            Token::Close(at) => {
                if stack.len() == 1 {
                    lexer.error(at, at + 1, "unexpected `}`".to_string());
                } else {
                    close(&mut stack, &lexer, at + 1);
                }
            }
            Token::Semi(at) => lexer.error(at, at + 1, "unexpected `;`".to_string()),
            Token::Open(at) => {
                lexer.error(at, at + 1, "unexpected `{` without a directive".to_string());
                stack.push(Frame::anonymous());
            }
            Token::Word(name) => {
                pending = statement(&mut lexer, &mut stack, name);
            }
        }
    }
    let end = lexer.len();
    if stack.len() > 1 {
        lexer.error(
            end,
            end,
            "unexpected end of file, expecting `}`".to_string(),
        );
        while stack.len() > 1 {
            close(&mut stack, &lexer, end);
        }
    }
    let root = stack.pop().map(|f| f.children).unwrap_or_default();
    NginxFile {
        directives: root,
        comments: lexer.comments,
        errors: first_per_line(text, lexer.errors),
    }
}

/// Keeps the first error of each line: after one error, recovery often trips again on the same line (a
/// template language, a stray brace), and those follow-ups only repeat the first.
fn first_per_line(text: &str, mut errors: Vec<crate::SyntaxError>) -> Vec<crate::SyntaxError> {
    errors.sort_by_key(|e| e.span.start);
    let mut kept: Vec<crate::SyntaxError> = Vec::with_capacity(errors.len());
    for error in errors {
        let same_line = kept.last().is_some_and(|last| {
            let between = text
                .get(last.span.start as usize..error.span.start as usize)
                .unwrap_or("\n");
            !between.contains('\n')
        });
        if !same_line {
            kept.push(error);
        }
    }
    kept
}

/// An open block on the stack.
struct Frame {
    /// The block directive being filled (its `block` is set when it closes); `None` for the file itself and
    /// for recovery frames.
    head: Option<Directive>,
    children: Vec<Directive>,
    /// Too deep or without a directive: its contents are dropped when it closes.
    discard: bool,
}

impl Frame {
    fn root() -> Self {
        Frame {
            head: None,
            children: Vec::new(),
            discard: false,
        }
    }

    fn anonymous() -> Self {
        Frame {
            head: None,
            children: Vec::new(),
            discard: true,
        }
    }
}

/// Pops the innermost block, ending at byte `end`, into its parent.
fn close(stack: &mut Vec<Frame>, lexer: &Lexer<'_>, end: usize) {
    let Some(frame) = stack.pop() else {
        return;
    };
    let Some(parent) = stack.last_mut() else {
        return;
    };
    if let Some(mut head) = frame.head {
        head.span = lexer.span(head.span.start as usize, end);
        head.block = Some(if frame.discard {
            Vec::new()
        } else {
            frame.children
        });
        parent.children.push(head);
    }
}

/// Reads the arguments and terminator of the directive named `name`. Returns a token to handle next, when
/// the statement ended at one it does not own (a `}` that closes the enclosing block).
fn statement(lexer: &mut Lexer<'_>, stack: &mut Vec<Frame>, name: Word) -> Option<Token> {
    let start = name.span.start as usize;
    let mut args = Vec::new();
    if name.quote.is_none() && LUA_BLOCKS.contains(&name.value.as_str()) {
        if name.value == "set_by_lua_block"
            && let Some(Token::Word(variable)) = lexer.next_token()
        {
            args.push(variable);
        }
        if let Some(body) = lexer.lua_body() {
            args.push(body);
            let end = lexer.offset();
            push(stack, lexer, name, args, start, end);
            return None;
        }
    }
    loop {
        match lexer.next_token() {
            Some(Token::Word(word)) => args.push(word),
            Some(Token::Semi(at)) => {
                push(stack, lexer, name, args, start, at + 1);
                return None;
            }
            Some(Token::Open(at)) => {
                let args = prepare_args(&name, args);
                let head = Directive {
                    span: lexer.span(start, at + 1),
                    name,
                    args,
                    block: None,
                };
                let too_deep = stack.len() > MAX_DEPTH;
                if too_deep && !stack.last().is_some_and(|f| f.discard) {
                    lexer.error(
                        start,
                        head.name.span.end as usize,
                        format!("blocks nested deeper than {MAX_DEPTH} levels; their contents are not checked"),
                    );
                }
                let discard = too_deep || stack.last().is_some_and(|f| f.discard);
                stack.push(Frame {
                    head: Some(head),
                    children: Vec::new(),
                    discard,
                });
                return None;
            }
            other => {
                let end = args.last().map_or(name.span.end, |a: &Word| a.span.end) as usize;
                let message = match &other {
                    Some(_) => format!("directive `{}` is not terminated by `;`", name.value),
                    None => format!(
                        "unexpected end of file, expecting `;` or `}}` after `{}`",
                        name.value
                    ),
                };
                lexer.error(end, end, message);
                push(stack, lexer, name, args, start, end);
                return other;
            }
        }
    }
}

fn push(
    stack: &mut [Frame],
    lexer: &Lexer<'_>,
    name: Word,
    args: Vec<Word>,
    start: usize,
    end: usize,
) {
    let args = prepare_args(&name, args);
    if let Some(frame) = stack.last_mut()
        && !frame.discard
    {
        frame.children.push(Directive {
            span: lexer.span(start, end),
            name,
            args,
            block: None,
        });
    }
}

/// `if (...)`: the parentheses are syntax, not part of the first and last arguments (nginx and crossplane
/// both read the condition inside them).
fn prepare_args(name: &Word, mut args: Vec<Word>) -> Vec<Word> {
    if name.value != "if" || name.quote.is_some() {
        return args;
    }
    let wrapped = args.first().is_some_and(|a| a.value.starts_with('('))
        && args.last().is_some_and(|a| a.value.ends_with(')'));
    if !wrapped {
        return args;
    }
    if let Some(first) = args.first_mut() {
        let inner = first.value[1..].trim_start_matches(super::lexer::is_space);
        let cut = first.value.len() - inner.len();
        first.value = inner.to_string();
        if first.quote.is_none() {
            first.span.start += cut as u32;
        }
    }
    if let Some(last) = args.last_mut() {
        let inner = last
            .value
            .strip_suffix(')')
            .unwrap_or(&last.value)
            .trim_end_matches(super::lexer::is_space);
        let cut = last.value.len() - inner.len();
        last.value = inner.to_string();
        if last.quote.is_none() && last.span.len() >= cut {
            last.span.end -= cut as u32;
        }
    }
    let start = usize::from(args.first().is_some_and(|a| a.value.is_empty()));
    let end = args.len() - usize::from(args.last().is_some_and(|a| a.value.is_empty()));
    if start >= end {
        return Vec::new();
    }
    args.truncate(end);
    args.drain(..start);
    args
}
