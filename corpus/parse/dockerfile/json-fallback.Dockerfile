FROM alpine:3.20
# Valid JSON: exec form.
ENTRYPOINT [ "/bin/echo" , "exec form" ]
# Single quotes are not JSON: BuildKit falls back to shell form.
CMD ['echo', 'shell form']
# An unterminated array is shell form too.
RUN ["echo", "unterminated"
# JSON with escapes and unicode.
LABEL note="x"
CMD ["printf", "%s\n", "caf\u00e9 \"quoted\""]
SHELL ["/bin/sh", "-o", "pipefail", "-c"]
