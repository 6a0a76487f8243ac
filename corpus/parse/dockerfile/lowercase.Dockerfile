from alpine:3.20 as build
run echo lower-case instructions are valid
From alpine:3.20
Copy --from=build /etc/os-release /tmp/os-release
workdir /srv
env MODE=prod
expose 8080/tcp
user 1000:1000
entrypoint ["/bin/sh", "-c"]
cmd ["echo $MODE"]
