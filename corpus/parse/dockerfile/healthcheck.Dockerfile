FROM nginx:1.27-alpine AS web
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --start-interval=2s --retries=3 \
  CMD wget -qO- http://127.0.0.1/ || exit 1

FROM web AS quiet
# Turns off the health check inherited from the base image.
HEALTHCHECK NONE

FROM web
HEALTHCHECK CMD ["wget", "-qO-", "http://127.0.0.1/"]
EXPOSE 80
