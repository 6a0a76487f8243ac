FROM golang:1.22-alpine
WORKDIR /src
ONBUILD COPY go.mod go.sum ./
ONBUILD RUN go mod download
onbuild COPY . .
ONBUILD RUN ["go", "build", "-o", "/out/app", "."]
ONBUILD ARG VERSION=dev
CMD ["go", "version"]
