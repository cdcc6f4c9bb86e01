//! `AWS::CloudWatch::Alarm`, declared with `#[cf_resources(alarm(..))]`: a metric of a typed resource against a
//! threshold, notifying topics that CloudWatch may publish to.

use serde_json::json;

use crate::Value;
use crate::intrinsic::{get_att, reference};
use crate::registry::Contribution;
use crate::template::Resource;

/// A CloudWatch metric of one resource: what `alarm(metric = cpu(App))` watches and a dashboard's
/// `graph(metrics(..))` draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metric {
    /// `AWS/ECS`, `AWS/SQS`, `AWS/ApplicationELB`, ...
    pub namespace: &'static str,
    /// `CPUUtilization`, ...
    pub name: &'static str,
    /// The dimensions that pick the resource out.
    pub dimensions: &'static [(&'static str, Dimension)],
}

/// A dimension's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    /// `Ref` of a logical id.
    Ref(&'static str),
    /// `Fn::GetAtt` of a logical id's attribute.
    Att(&'static str, &'static str),
}

impl Dimension {
    fn value(self) -> Value {
        match self {
            Dimension::Ref(id) => reference(id),
            Dimension::Att(id, att) => get_att(id, att),
        }
    }
}

/// A type declared with `#[cf_resources(alarm(..))]`: a function's `deployment(alarms(..))` rolls back when it
/// fires.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a CloudWatch alarm",
    label = "declare it with `#[cf_resources(alarm(..))]`"
)]
pub trait CfAlarm {
    /// Its logical id.
    const LOGICAL_ID: &'static str;
}

/// The metrics a resource type offers, one marker type each: `alarm(metric = cpu(App))` needs
/// `App: HasMetric<metric::Cpu>`, which `fargate_service(..)` implements.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no such metric",
    label = "not a metric of this type",
    note = "a `fargate_service(..)` has `cpu`, `memory` and, with a load balancer, `requests`, `http_5xx` and `response_time`; a `queue(..)` has `age_of_oldest_message` and `visible_messages`"
)]
pub trait HasMetric<M> {
    /// The metric.
    const METRIC: Metric;
}

/// The metric marker types of [`HasMetric`].
pub mod metric {
    /// Average CPU utilization of an ECS service's tasks (`AWS/ECS` `CPUUtilization`, percent).
    pub struct Cpu;
    /// Average memory utilization of an ECS service's tasks (`AWS/ECS` `MemoryUtilization`, percent).
    pub struct Memory;
    /// Requests a service's load balancer received (`AWS/ApplicationELB` `RequestCount`, a count).
    pub struct Requests;
    /// 5xx answers of a service's tasks behind its load balancer (`AWS/ApplicationELB`
    /// `HTTPCode_Target_5XX_Count`, a count).
    pub struct Http5xx;
    /// Seconds from the load balancer sending a request to the tasks' answer (`AWS/ApplicationELB`
    /// `TargetResponseTime`).
    pub struct ResponseTime;
    /// Age in seconds of a queue's oldest message (`AWS/SQS` `ApproximateAgeOfOldestMessage`).
    pub struct AgeOfOldestMessage;
    /// Messages waiting in a queue (`AWS/SQS` `ApproximateNumberOfMessagesVisible`).
    pub struct VisibleMessages;
}

/// A topic declared with `#[cf_resources(topic(..))]`, as an alarm's `notify`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an SNS topic",
    label = "declare it with `#[cf_resources(topic(published_by(\"cloudwatch\")))]`"
)]
pub trait CfTopic {
    /// Its logical id.
    const LOGICAL_ID: &'static str;
    /// The service principals its key lets publish (`topic(published_by(..))`).
    const PUBLISHED_BY: &'static [&'static str];
}

/// Whether `principal` may publish to a topic whose `published_by` is `list`: an alarm asserts it at compile
/// time for CloudWatch.
pub const fn publishes(list: &[&str], principal: &str) -> bool {
    let mut i = 0;
    while i < list.len() {
        if crate::__private::same_str(list[i], principal) {
            return true;
        }
        i += 1;
    }
    false
}

/// Everything `#[cf_resources(alarm(..))]` declares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlarmSpec {
    /// The logical id.
    pub logical_id: &'static str,
    /// `AlarmName`; CloudFormation names it otherwise.
    pub name: Option<&'static str>,
    /// `AlarmDescription`.
    pub description: Option<&'static str>,
    /// The metric watched.
    pub metric: Metric,
    /// `Average`, `Sum`, `Minimum`, `Maximum` or `SampleCount`.
    pub statistic: &'static str,
    /// Seconds per evaluated period (10, 20, 30, or a multiple of 60).
    pub period: u32,
    /// `EvaluationPeriods`: how many periods are evaluated.
    pub periods: u32,
    /// `DatapointsToAlarm`: how many of them must breach (all when `None`).
    pub datapoints: Option<u32>,
    /// The threshold.
    pub threshold: f64,
    /// `GreaterThanThreshold`, `GreaterThanOrEqualToThreshold`, `LessThanThreshold` or
    /// `LessThanOrEqualToThreshold`.
    pub comparison: &'static str,
    /// `TreatMissingData`: `missing`, `ignore`, `breaching` or `notBreaching`.
    pub treat_missing_data: Option<&'static str>,
    /// The topics notified when it goes into alarm, by logical id.
    pub notify: &'static [&'static str],
    /// The topics notified when it returns to OK, by logical id.
    pub notify_ok: &'static [&'static str],
}

impl AlarmSpec {
    /// The alarm.
    pub fn contribute(&self) -> Contribution {
        let m = self.metric;
        let dimensions: Vec<Value> = m
            .dimensions
            .iter()
            .map(|(name, v)| json!({"Name": name, "Value": v.value()}))
            .collect();
        let topics = |ids: &[&str]| ids.iter().map(|id| reference(*id)).collect::<Vec<_>>();
        let mut r = Resource::new("AWS::CloudWatch::Alarm")
            .property("Namespace", m.namespace)
            .property("MetricName", m.name)
            .property("Dimensions", dimensions)
            .property("Statistic", self.statistic)
            .property("Period", self.period)
            .property("EvaluationPeriods", self.periods)
            .property("Threshold", number(self.threshold))
            .property("ComparisonOperator", self.comparison);
        if let Some(name) = self.name {
            r = r.property("AlarmName", name);
        }
        if let Some(d) = self.description {
            r = r.property("AlarmDescription", d);
        }
        if let Some(n) = self.datapoints {
            r = r.property("DatapointsToAlarm", n);
        }
        if let Some(t) = self.treat_missing_data {
            r = r.property("TreatMissingData", t);
        }
        if !self.notify.is_empty() {
            r = r.property("AlarmActions", topics(self.notify));
        }
        if !self.notify_ok.is_empty() {
            r = r.property("OKActions", topics(self.notify_ok));
        }
        Contribution::new().resource(self.logical_id, r)
    }
}

/// A whole threshold as an integer (`80`, not `80.0`), else as written.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alarm_names_its_metric_dimensions_and_topics() {
        let spec = AlarmSpec {
            logical_id: "CpuHigh",
            name: None,
            description: Some("CPU above 80 %"),
            metric: Metric {
                namespace: "AWS/ECS",
                name: "CPUUtilization",
                dimensions: &[
                    ("ClusterName", Dimension::Ref("Cluster")),
                    ("ServiceName", Dimension::Att("AppService", "Name")),
                ],
            },
            statistic: "Average",
            period: 300,
            periods: 2,
            datapoints: None,
            threshold: 80.0,
            comparison: "GreaterThanThreshold",
            treat_missing_data: None,
            notify: &["Alerts"],
            notify_ok: &[],
        };
        let r = serde_json::to_value(&spec.contribute().resources[0].1).unwrap();
        assert_eq!(
            r["Properties"]["Dimensions"][1],
            json!({"Name": "ServiceName", "Value": {"Fn::GetAtt": ["AppService", "Name"]}})
        );
        assert_eq!(r["Properties"]["AlarmActions"], json!([{"Ref": "Alerts"}]));
        assert!(r["Properties"].get("OKActions").is_none());
        assert_eq!(r["Properties"]["Threshold"].as_i64(), Some(80));
        assert_eq!(number(1.5), json!(1.5));
    }

    #[test]
    fn publishers_are_looked_up_exactly() {
        assert!(publishes(
            &["events.amazonaws.com", "cloudwatch.amazonaws.com"],
            "cloudwatch.amazonaws.com"
        ));
        assert!(!publishes(
            &["events.amazonaws.com"],
            "cloudwatch.amazonaws.com"
        ));
        assert!(!publishes(&[], "cloudwatch.amazonaws.com"));
    }
}
