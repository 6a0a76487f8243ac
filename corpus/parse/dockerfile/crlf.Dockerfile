# syntax=docker/dockerfile:1
FROM alpine:3.20 AS base
# CRLF everywhere, including continuations
RUN apk add --no-cache \
      curl \
      ca-certificates
RUN <<EOF
echo crlf heredoc
EOF
LABEL description="line endings are \r\n"
CMD ["sh"]
