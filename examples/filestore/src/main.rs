//! The one `bootstrap` of every Filestore function: runs the handler that the function's `Handler` (Lambda's
//! `_HANDLER`) names, e.g. `PreprocessFunction`.

fn main() -> Result<(), lambda_runtime::Error> {
    // Name the library so its handlers (and their registrations) are linked in.
    use filestore as _;
    infra_core::run()
}
