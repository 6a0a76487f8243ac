# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
COPY <<EOF /etc/motd
# not a comment: heredoc bodies are content
Welcome to $HOSTNAME
EOF
CMD ["cat", "/etc/motd"]
