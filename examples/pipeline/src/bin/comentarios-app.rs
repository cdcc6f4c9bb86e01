//! The `comentarios-app` container: the health check on port 8000.

fn main() -> std::io::Result<()> {
    pipeline::app::serve()
}
