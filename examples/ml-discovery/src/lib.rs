//! ML Discovery, after "Infraestrutura como Código? Não! Infraestrutura é Código" (Machine Learning Discovery S01E02): a model served by a container-image Lambda behind an HTTP API.
//!
//! The seed builds this with CDK (`DockerImageFunction` with 4096 MB and 15 s, an `HttpApi` with a Lambda proxy
//! integration, and an `HTTP API Url` output). Here the handler carries all of it.

use infra_core::cf_function;
use lambda_runtime::{Error, LambdaEvent};
use serde_json::{Value, json};

/// Class scores are `WEIGHTS[c] · x + BIAS[c]` over four features (an iris-like classifier, fixed weights).
const WEIGHTS: [[f64; 4]; 3] = [
    [0.4, 1.0, -2.2, -1.0],
    [0.5, -1.6, 0.6, -1.3],
    [-1.4, -1.2, 2.3, 2.4],
];
const BIAS: [f64; 3] = [-0.5, 0.5, 0.0];

/// The predicted class of one row of four features.
pub fn classify(row: [f64; 4]) -> usize {
    let score = |c: usize| WEIGHTS[c].iter().zip(row).map(|(w, x)| w * x).sum::<f64>() + BIAS[c];
    (0..3)
        .max_by(|&a, &b| score(a).total_cmp(&score(b)))
        .expect("three classes")
}

/// Predictions for `{"data": [f, f, f, f]}` (one row) or `{"data": [[...], ...]}` (several rows).
pub fn predict_body(body: &Value) -> Result<Vec<usize>, String> {
    let data = body.get("data").ok_or("the body needs a `data` field")?;
    let row = |v: &Value| -> Result<[f64; 4], String> {
        let items = v
            .as_array()
            .filter(|a| a.len() == 4)
            .ok_or("each row has exactly four numbers")?;
        let mut out = [0.0; 4];
        for (o, i) in out.iter_mut().zip(items) {
            *o = i.as_f64().ok_or("features are numbers")?;
        }
        Ok(out)
    };
    match data.as_array() {
        Some(rows) if rows.first().is_some_and(Value::is_array) => {
            rows.iter().map(|r| row(r).map(classify)).collect()
        }
        _ => Ok(vec![classify(row(data)?)]),
    }
}

/// `POST /`: reads an HTTP API (payload 2.0) request and answers with the predictions, `[1]` for
/// `{"data": [0, 0, 0, 0]}` as in the seed.
#[cf_function(
    description = "Serves the ML Discovery model",
    memory = 4096,
    timeout = 15,
    image = "model",
    events(http_api(method = "POST", path = "/", url_output = "HttpApiUrl"))
)]
pub async fn predict(event: LambdaEvent<Value>) -> Result<Value, Error> {
    let raw = event
        .payload
        .get("body")
        .and_then(Value::as_str)
        .unwrap_or("{}");
    let response = match serde_json::from_str::<Value>(raw)
        .map_err(|e| e.to_string())
        .and_then(|b| predict_body(&b))
    {
        Ok(classes) => json!({ "statusCode": 200, "body": serde_json::to_string(&classes)? }),
        Err(message) => {
            json!({ "statusCode": 400, "body": json!({ "error": message }).to_string() })
        }
    };
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: &str) -> LambdaEvent<Value> {
        LambdaEvent::new(
            json!({ "version": "2.0", "body": body }),
            lambda_runtime::Context::default(),
        )
    }

    #[tokio::test]
    async fn the_seed_request_predicts_class_one() {
        let out = predict(request(r#"{"data": [0, 0, 0, 0]}"#)).await.unwrap();
        assert_eq!(out, json!({ "statusCode": 200, "body": "[1]" }));
    }

    #[tokio::test]
    async fn several_rows_and_bad_input() {
        let out = predict(request(
            r#"{"data": [[5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5]]}"#,
        ))
        .await
        .unwrap();
        assert_eq!(out["body"], "[0,2]");
        let out = predict(request(r#"{"data": [1, 2]}"#)).await.unwrap();
        assert_eq!(out["statusCode"], 400);
        assert_eq!(
            out["body"],
            r#"{"error":"each row has exactly four numbers"}"#
        );
    }
}
