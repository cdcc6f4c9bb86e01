//! `AWS::CloudWatch::Dashboard`, declared with `#[cf_resources(dashboard(..))]`: graphs of the metrics of
//! typed resources and text, laid out left to right on CloudWatch's 24-column grid.

use serde_json::{Value, json};

use crate::model::alarm::{Dimension, Metric};
use crate::registry::Contribution;
use crate::template::Resource;

/// Columns of a dashboard row.
pub const GRID_WIDTH: u8 = 24;

/// Everything `#[cf_resources(dashboard(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DashboardSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `DashboardName`; CloudFormation names it otherwise.
    pub name: Option<&'static str>,
    /// The widgets, in the order written.
    pub widgets: &'static [Widget],
}

/// One widget of a dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Widget {
    /// A graph of metrics.
    Graph {
        /// Its title.
        title: &'static str,
        /// The metrics drawn.
        metrics: &'static [Metric],
        /// `Average`, `Sum`, `Minimum`, `Maximum` or `SampleCount`.
        statistic: &'static str,
        /// Seconds per data point.
        period: u32,
        /// `timeSeries`, `singleValue`, `bar` or `pie`.
        view: &'static str,
        /// Columns, of [`GRID_WIDTH`].
        width: u8,
        /// Rows.
        height: u8,
    },
    /// Markdown text.
    Text {
        /// The Markdown.
        markdown: &'static str,
        /// Columns, of [`GRID_WIDTH`].
        width: u8,
        /// Rows.
        height: u8,
    },
}

impl Widget {
    fn size(&self) -> (u8, u8) {
        match *self {
            Widget::Graph { width, height, .. } | Widget::Text { width, height, .. } => {
                (width, height)
            }
        }
    }
}

/// Text inside `Fn::Sub`: a `${` the user wrote stays literal (`${!`).
fn literal(text: &str) -> String {
    text.replace("${", "${!")
}

/// A dimension's value inside `Fn::Sub`.
fn substituted(d: Dimension) -> String {
    match d {
        Dimension::Ref(id) => format!("${{{id}}}"),
        Dimension::Att(id, att) => format!("${{{id}.{att}}}"),
    }
}

impl DashboardSpec {
    /// The dashboard: its body is the JSON CloudWatch takes, in an `Fn::Sub` naming the resources.
    pub fn contribute(&self) -> Contribution {
        let (mut x, mut y, mut row) = (0u8, 0u32, 0u8);
        let widgets: Vec<Value> = self
            .widgets
            .iter()
            .map(|w| {
                let (width, height) = w.size();
                if x + width > GRID_WIDTH {
                    (x, y, row) = (0, y + u32::from(row), 0);
                }
                let mut widget = json!({"x": x, "y": y, "width": width, "height": height});
                (x, row) = (x + width, row.max(height));
                match *w {
                    Widget::Graph {
                        title,
                        metrics,
                        statistic,
                        period,
                        view,
                        ..
                    } => {
                        let metrics: Vec<Value> = metrics
                            .iter()
                            .map(|m| {
                                let mut line = vec![json!(m.namespace), json!(m.name)];
                                for (name, d) in m.dimensions {
                                    line.push(json!(name));
                                    line.push(json!(substituted(*d)));
                                }
                                Value::from(line)
                            })
                            .collect();
                        widget["type"] = json!("metric");
                        widget["properties"] = json!({
                            "title": literal(title), "view": view, "region": "${AWS::Region}",
                            "stat": statistic, "period": period, "metrics": metrics,
                        });
                    }
                    Widget::Text { markdown, .. } => {
                        widget["type"] = json!("text");
                        widget["properties"] = json!({"markdown": literal(markdown)});
                    }
                }
                widget
            })
            .collect();
        let body = json!({ "widgets": widgets }).to_string();
        let mut r = Resource::new("AWS::CloudWatch::Dashboard")
            .property("DashboardBody", crate::intrinsic::sub(body));
        if let Some(name) = self.name {
            r = r.property("DashboardName", name);
        }
        Contribution::new().resource(self.logical_id, r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CPU: Metric = Metric {
        namespace: "AWS/ECS",
        name: "CPUUtilization",
        dimensions: &[
            ("ClusterName", Dimension::Ref("Cluster")),
            ("ServiceName", Dimension::Att("AppService", "Name")),
        ],
    };

    fn body(spec: &DashboardSpec) -> Value {
        let r = serde_json::to_value(&spec.contribute().resources[0].1).unwrap();
        let text = r["Properties"]["DashboardBody"]["Fn::Sub"]
            .as_str()
            .unwrap();
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn widgets_fill_rows_left_to_right_and_name_resources_by_substitution() {
        const fn graph(width: u8, height: u8) -> Widget {
            Widget::Graph {
                title: "CPU ${not a reference}",
                metrics: &[CPU],
                statistic: "Average",
                period: 300,
                view: "timeSeries",
                width,
                height,
            }
        }
        const SPEC: DashboardSpec = DashboardSpec {
            logical_id: "Board",
            name: Some("board"),
            widgets: &[
                graph(12, 6),
                graph(12, 4),
                Widget::Text {
                    markdown: "# Runbook",
                    width: 24,
                    height: 2,
                },
                graph(8, 6),
            ],
        };
        let b = body(&SPEC);
        let at = |i: usize| (b["widgets"][i]["x"].clone(), b["widgets"][i]["y"].clone());
        assert_eq!(at(0), (json!(0), json!(0)));
        assert_eq!(at(1), (json!(12), json!(0)));
        // The text does not fit beside them: it starts a row below the taller of the two.
        assert_eq!(at(2), (json!(0), json!(6)));
        assert_eq!(at(3), (json!(0), json!(8)));
        assert_eq!(
            b["widgets"][0]["properties"]["metrics"][0],
            json!([
                "AWS/ECS",
                "CPUUtilization",
                "ClusterName",
                "${Cluster}",
                "ServiceName",
                "${AppService.Name}"
            ])
        );
        assert_eq!(
            b["widgets"][0]["properties"]["title"],
            "CPU ${!not a reference}"
        );
        assert_eq!(b["widgets"][2]["type"], "text");
    }
}
