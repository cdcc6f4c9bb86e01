//! The `app-was` container: serves `/health` and a page on port 8081.

fn main() -> std::io::Result<()> {
    fargate_web::http::serve(8081, "was")
}
