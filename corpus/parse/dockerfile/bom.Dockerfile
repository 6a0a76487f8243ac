# syntax=docker/dockerfile:1
FROM alpine:3.20
# The file starts with a UTF-8 byte order mark; the directive above must still count.
LABEL org.opencontainers.image.title="bom été ✓"
CMD ["sh"]
