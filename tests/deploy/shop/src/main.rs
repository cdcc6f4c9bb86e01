//! The one binary of every function: runs the handler `_HANDLER` names.
fn main() -> Result<(), lambda_runtime::Error> {
    use shop as _;
    infra_core::run()
}
