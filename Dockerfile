# A small static image whose entrypoint is podfeed:
#   docker build -t podfeed --build-arg VERSION=v1.2.3 .
#   docker run --rm -v "$PWD:/work" podfeed validate public/feed.xml
# Linted in CI (.ci/run); built and run there only where a container
# engine is available.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# VERSION is the release tag to stamp (docker build --build-arg VERSION=v1.2.3);
# without it the binary says "devel" rather than claim a release.
ARG VERSION=
# Static (no cgo), time zones embedded, the version stamped where
# internal/version reads it.
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata \
    -ldflags "-s -w -X github.com/podfeed/podfeed/internal/version.stamped=${VERSION}" \
    -o /out/podfeed ./cmd/podfeed

FROM scratch
# CA certificates for https feeds and --online checks.
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/podfeed /usr/local/bin/podfeed
# An unprivileged user; mount the show or feeds at /work.
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/podfeed"]
CMD ["--help"]
