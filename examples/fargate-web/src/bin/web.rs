//! The `app-web` container: serves `/health` and a page on port 8000.

fn main() -> std::io::Result<()> {
    fargate_web::http::serve(8000, "web")
}
