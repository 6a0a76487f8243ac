# syntax=docker/dockerfile:1.7
# check=skip=JSONArgsRecommended;error=true
# escape=\
# The three lines above are parser directives; this line ends them.
# escape=`
ARG BASE=alpine:3.20
FROM --platform=$BUILDPLATFORM ${BASE} AS build
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/var/cache/apk \
    --mount=type=secret,id=token,env=TOKEN \
    --network=none \
    echo "$TARGETOS/$TARGETARCH"
COPY --chmod=0755 --link --exclude=*.md . /src
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /tmp/
FROM scratch
COPY --from=build /src /
