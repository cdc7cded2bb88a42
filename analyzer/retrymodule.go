package analyzer

// RetryModule is the module that provides DefaultRetryPackage: the retry package is a module
// of its own, which requires nothing, so that the code retrylint migrates depends on it alone
// and not on the linter's module.
const RetryModule = "github.com/retrylint/retrylint/retry"

// RetryModuleVersion is the version of RetryModule that retrylint -fix requires in the go.mod
// of a module whose files its fixes make import DefaultRetryPackage, when that go.mod does not
// require RetryModule yet. It is the one place that names the version: a release of the retry
// module (tag retry/vX.Y.Z) comes first, then this constant names it, then the release of
// retrylint that carries it (tag vX.Y.Z); docs/versioning.md describes the steps.
const RetryModuleVersion = "v0.1.0"
