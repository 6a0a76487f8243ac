# broken: `--frm` is not a COPY flag, `--mount` lacks a value, and `--interval=soon` is no duration
FROM alpine:3.20 AS build
FROM alpine:3.20
COPY --frm=build /etc/os-release /tmp/
RUN --mount echo "flag without value"
HEALTHCHECK --interval=soon CMD true
