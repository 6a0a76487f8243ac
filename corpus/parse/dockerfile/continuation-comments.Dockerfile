FROM debian:bookworm-slim
# Comment lines and blank lines inside a continued instruction are dropped by BuildKit.
RUN apt-get update \
    # the packages we need
    && apt-get install -y --no-install-recommends \
        curl \
# a comment at column 0 inside the continuation

        git \
    && rm -rf /var/lib/apt/lists/*
ENV A=1 \
    B="two words" \
    C=3
# A backslash at the very end of the file continues into nothing.
CMD ["bash"] \
