# make release builds pledge for this machine into dist/: one file, with
# jieba's dictionaries, the model and the demo statements inside it, to
# copy to a machine without Go. make release-check runs that file from an
# empty folder with an empty PATH and HOME.

# The version pledge --version prints: the tag, or the commit, -dirty with
# changes not committed.
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
GOOS := $(shell go env GOOS)
GOARCH := $(shell go env GOARCH)
BINARY := dist/pledge-$(VERSION)-$(GOOS)-$(GOARCH)

# jieba is C++: on Linux its runtime goes into the binary too, so that it
# needs only the C library of the machine it runs on.
EXTLDFLAGS :=
ifeq ($(GOOS),linux)
EXTLDFLAGS := -static-libstdc++ -static-libgcc
endif
LDFLAGS := -s -w -X main.releaseVersion=$(VERSION) -extldflags '$(EXTLDFLAGS)'

.PHONY: build release release-check test clean

# build is the binary for development, in this folder.
build:
	go build -o pledge ./cmd/pledge

# The version comes from -X: go build stamps none from git in a linked
# worktree, and -buildvcs=false keeps it from trying.
release:
	@mkdir -p dist
	CGO_ENABLED=1 go build -trimpath -buildvcs=false -ldflags "$(LDFLAGS)" -o $(BINARY) ./cmd/pledge
	@echo "built $(BINARY)"

release-check: release
	PLEDGE_BINARY=$(CURDIR)/$(BINARY) PLEDGE_VERSION=$(VERSION) go test ./cmd/pledge -run '^TestReleaseBinary$$' -count=1 -v

test:
	go test ./...

clean:
	rm -rf dist
