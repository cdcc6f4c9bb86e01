//! Typed template values: [`Val`], the markers it is typed by, typed intrinsics, and [`Id`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

pub use serde_json::Value;
use serde_json::{Map, json};

/// A value of CloudFormation type `T` in a template: a literal or an intrinsic function that yields one.
///
/// `T` is a Rust type for the schema's type: [`String`], [`i64`] (integer), [`f64`] (number), [`bool`],
/// [`List<T>`], [`MapOf<T>`], [`Json`], or a generated property type or enum. Setters take
/// `impl Into<Val<T>>`, so literals of the right type, typed intrinsics ([`Val::sub`], [`Val::if_`], ...),
/// [`Id::reference`] and [`Att`](crate::CfnResource::Att) accessors all fit, and a value of the wrong type is a
/// compile error:
///
/// ```
/// use infra_cfn::{List, Val};
/// let name: Val<String> = "uploads".into();
/// let port: Val<i64> = 443.into();
/// let zones: Val<List<String>> = Val::get_azs("");
/// let first: Val<String> = Val::select(0, zones);
/// assert_eq!(first.into_value(), serde_json::json!({"Fn::Select": ["0", {"Fn::GetAZs": ""}]}));
/// # let _ = (name, port);
/// ```
///
/// ```compile_fail
/// let port: infra_cfn::Val<i64> = "443".into(); // a string is not an integer
/// ```
pub struct Val<T> {
    value: Value,
    of: PhantomData<fn() -> T>,
}

/// The schema type `array` of `T`: literals are `Vec`s and arrays of values that convert into `Val<T>`.
pub struct List<T>(PhantomData<fn() -> T>);

/// The schema type `object` whose keys are free and whose values are `T` (`patternProperties`): literals are
/// `BTreeMap`s and arrays of `(key, value)` pairs.
pub struct MapOf<T>(PhantomData<fn() -> T>);

/// A value the schema leaves open (`object` without properties, several types, a policy document): any
/// [`serde_json::Value`], or anything that converts into one.
pub enum Json {}

/// A string the schema says is the `Ref` of a resource of type `T` (its `relationshipRef`): a literal, any
/// string value, or `&Id<T>` — but not the id of a resource of another type.
///
/// The schemas say this of a few properties only (79 places in 1.58, such as `AWS::EC2::VPCEndpoint`'s
/// `SubnetIds`); a few of those name the wrong type, so [`Id::reference`] (a plain `Val<String>`) still fits.
///
/// ```
/// # #[cfg(feature = "ec2")] {
/// use infra_cfn::{Id, ec2};
/// const SUBNET: Id<ec2::Subnet> = Id::named("PrivateSubnet1");
/// let endpoint = ec2::VPCEndpoint::new("vpc-0123")
///     .service_name("com.amazonaws.us-east-1.s3")
///     .subnet_ids([&SUBNET]);
/// # let _ = endpoint;
/// # }
/// ```
pub struct RefTo<T>(PhantomData<fn() -> T>);

impl<T> From<&str> for Val<RefTo<T>> {
    fn from(s: &str) -> Self {
        Val::expr(s)
    }
}

impl<T> From<String> for Val<RefTo<T>> {
    fn from(s: String) -> Self {
        Val::expr(s)
    }
}

impl<T> From<Val<String>> for Val<RefTo<T>> {
    fn from(s: Val<String>) -> Self {
        Val::expr(s.value)
    }
}

impl<T> From<Val<List<String>>> for Val<List<RefTo<T>>> {
    fn from(list: Val<List<String>>) -> Self {
        Val::expr(list.value)
    }
}

impl<T: CfnResource> From<&Id<T>> for Val<RefTo<T>> {
    fn from(id: &Id<T>) -> Self {
        Val::expr(id.reference().value)
    }
}

/// A generated property type or enum: how its value is written in a template.
pub trait Shape {
    /// The value as the template writes it.
    fn into_value(self) -> Value;
}

impl<T> Val<T> {
    /// Any template value as a `T`, unchecked: for intrinsics this crate has no typed form of, or a `Ref` to a
    /// parameter whose type you know.
    pub fn expr(value: impl Into<Value>) -> Self {
        Val {
            value: value.into(),
            of: PhantomData,
        }
    }

    /// The JSON value the template holds.
    pub fn into_value(self) -> Value {
        self.value
    }

    /// The JSON value the template holds.
    pub fn as_value(&self) -> &Value {
        &self.value
    }

    /// `{"Ref": parameter}`: the value of a template parameter (or of any logical id), as a `T`.
    pub fn parameter(id: impl Into<String>) -> Self {
        Val::expr(json!({ "Ref": id.into() }))
    }

    /// `{"Fn::If": [condition, if_true, if_false]}`: either value, by a named condition.
    pub fn if_(
        condition: impl Into<String>,
        if_true: impl Into<Val<T>>,
        if_false: impl Into<Val<T>>,
    ) -> Self {
        Val::expr(
            json!({ "Fn::If": [condition.into(), if_true.into().value, if_false.into().value] }),
        )
    }

    /// `{"Ref": "AWS::NoValue"}`: the property is removed (in one branch of [`Val::if_`], usually).
    pub fn no_value() -> Self {
        Val::expr(Pseudo::NoValue.to_ref())
    }

    /// `{"Fn::Select": [index, list]}`.
    pub fn select(index: u32, list: impl Into<Val<List<T>>>) -> Self {
        Val::expr(json!({ "Fn::Select": [index.to_string(), list.into().value] }))
    }

    /// `{"Fn::FindInMap": [map, top_key, second_key]}`.
    pub fn find_in_map(
        map: impl Into<String>,
        top_key: impl Into<Val<String>>,
        second_key: impl Into<Val<String>>,
    ) -> Self {
        Val::expr(
            json!({ "Fn::FindInMap": [map.into(), top_key.into().value, second_key.into().value] }),
        )
    }

    /// `{"Fn::ImportValue": name}`: a value another stack exports.
    pub fn import_value(name: impl Into<Val<String>>) -> Self {
        Val::expr(json!({ "Fn::ImportValue": name.into().value }))
    }
}

impl Val<String> {
    /// `{"Fn::Sub": template}`: `${Name}`, `${Name.Attribute}` and `${AWS::Region}` substituted.
    pub fn sub(template: impl Into<String>) -> Self {
        Val::expr(json!({ "Fn::Sub": template.into() }))
    }

    /// `{"Fn::Sub": [template, {name: value}]}`: substitution with variables of its own.
    pub fn sub_with<K: Into<String>, V: Into<Val<String>>>(
        template: impl Into<String>,
        variables: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let vars: Map<String, Value> = variables
            .into_iter()
            .map(|(k, v)| (k.into(), v.into().value))
            .collect();
        Val::expr(json!({ "Fn::Sub": [template.into(), vars] }))
    }

    /// `{"Fn::Join": [delimiter, list]}`.
    pub fn join(delimiter: impl Into<String>, list: impl Into<Val<List<String>>>) -> Self {
        Val::expr(json!({ "Fn::Join": [delimiter.into(), list.into().value] }))
    }

    /// `{"Fn::Base64": value}`.
    pub fn base64(value: impl Into<Val<String>>) -> Self {
        Val::expr(json!({ "Fn::Base64": value.into().value }))
    }

    /// The pseudo parameter `AWS::AccountId`.
    pub fn account_id() -> Self {
        Val::expr(Pseudo::AccountId.to_ref())
    }

    /// The pseudo parameter `AWS::Partition` (`aws`, `aws-cn`, `aws-us-gov`).
    pub fn partition() -> Self {
        Val::expr(Pseudo::Partition.to_ref())
    }

    /// The pseudo parameter `AWS::Region`.
    pub fn region() -> Self {
        Val::expr(Pseudo::Region.to_ref())
    }

    /// The pseudo parameter `AWS::StackId`.
    pub fn stack_id() -> Self {
        Val::expr(Pseudo::StackId.to_ref())
    }

    /// The pseudo parameter `AWS::StackName`.
    pub fn stack_name() -> Self {
        Val::expr(Pseudo::StackName.to_ref())
    }

    /// The pseudo parameter `AWS::URLSuffix` (`amazonaws.com`, usually).
    pub fn url_suffix() -> Self {
        Val::expr(Pseudo::UrlSuffix.to_ref())
    }
}

impl Val<List<String>> {
    /// `{"Fn::GetAZs": region}`: the region's availability zones; `""` is the stack's region.
    pub fn get_azs(region: impl Into<Val<String>>) -> Self {
        Val::expr(json!({ "Fn::GetAZs": region.into().value }))
    }

    /// `{"Fn::Split": [delimiter, string]}`.
    pub fn split(delimiter: impl Into<String>, string: impl Into<Val<String>>) -> Self {
        Val::expr(json!({ "Fn::Split": [delimiter.into(), string.into().value] }))
    }

    /// `{"Fn::Cidr": [ip_block, count, cidr_bits]}`: `count` CIDR blocks of `32 - cidr_bits` bits.
    pub fn cidr(ip_block: impl Into<Val<String>>, count: u32, cidr_bits: u32) -> Self {
        Val::expr(
            json!({ "Fn::Cidr": [ip_block.into().value, count.to_string(), cidr_bits.to_string()] }),
        )
    }

    /// The pseudo parameter `AWS::NotificationARNs`.
    pub fn notification_arns() -> Self {
        Val::expr(Pseudo::NotificationArns.to_ref())
    }
}

impl<T> Clone for Val<T> {
    fn clone(&self) -> Self {
        Val::expr(self.value.clone())
    }
}

impl<T> PartialEq for Val<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T> fmt::Debug for Val<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Val({})", self.value)
    }
}

impl<S: Shape> From<S> for Val<S> {
    fn from(s: S) -> Self {
        Val::expr(s.into_value())
    }
}

impl From<&str> for Val<String> {
    fn from(s: &str) -> Self {
        Val::expr(s)
    }
}

impl From<String> for Val<String> {
    fn from(s: String) -> Self {
        Val::expr(s)
    }
}

impl From<&String> for Val<String> {
    fn from(s: &String) -> Self {
        Val::expr(s.as_str())
    }
}

impl From<bool> for Val<bool> {
    fn from(b: bool) -> Self {
        Val::expr(b)
    }
}

macro_rules! numbers {
    ($target:ty: $($t:ty),*) => {$(
        impl From<$t> for Val<$target> {
            fn from(n: $t) -> Self {
                Val::expr(n)
            }
        }
    )*};
}
numbers!(i64: i8, i16, i32, i64, u8, u16, u32, u64);
numbers!(f64: i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl From<usize> for Val<i64> {
    fn from(n: usize) -> Self {
        Val::expr(n as u64)
    }
}

impl<V: Into<Value>> From<V> for Val<Json> {
    fn from(v: V) -> Self {
        Val::expr(v)
    }
}

impl<T, I: Into<Val<T>>> From<Vec<I>> for Val<List<T>> {
    fn from(items: Vec<I>) -> Self {
        Val::expr(Value::Array(
            items.into_iter().map(|i| i.into().value).collect(),
        ))
    }
}

impl<T, I: Into<Val<T>>, const N: usize> From<[I; N]> for Val<List<T>> {
    fn from(items: [I; N]) -> Self {
        Val::expr(Value::Array(
            items.into_iter().map(|i| i.into().value).collect(),
        ))
    }
}

impl<T, K: Into<String>, I: Into<Val<T>>> From<BTreeMap<K, I>> for Val<MapOf<T>> {
    fn from(entries: BTreeMap<K, I>) -> Self {
        Val::expr(Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.into(), v.into().value))
                .collect(),
        ))
    }
}

impl<T, K: Into<String>, I: Into<Val<T>>, const N: usize> From<[(K, I); N]> for Val<MapOf<T>> {
    fn from(entries: [(K, I); N]) -> Self {
        Val::expr(Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.into(), v.into().value))
                .collect(),
        ))
    }
}

/// The pseudo parameters CloudFormation defines for every stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pseudo {
    /// `AWS::AccountId`.
    AccountId,
    /// `AWS::NotificationARNs`.
    NotificationArns,
    /// `AWS::NoValue`: removes the property it is assigned to (useful in `Fn::If`).
    NoValue,
    /// `AWS::Partition` (`aws`, `aws-cn`, `aws-us-gov`).
    Partition,
    /// `AWS::Region`.
    Region,
    /// `AWS::StackId`.
    StackId,
    /// `AWS::StackName`.
    StackName,
    /// `AWS::URLSuffix` (`amazonaws.com` in most partitions).
    UrlSuffix,
}

impl Pseudo {
    /// Every pseudo parameter.
    pub const ALL: [Pseudo; 8] = [
        Pseudo::AccountId,
        Pseudo::NotificationArns,
        Pseudo::NoValue,
        Pseudo::Partition,
        Pseudo::Region,
        Pseudo::StackId,
        Pseudo::StackName,
        Pseudo::UrlSuffix,
    ];

    /// The name used in `Ref` and `${...}`, e.g. `AWS::Region`.
    pub const fn name(self) -> &'static str {
        match self {
            Pseudo::AccountId => "AWS::AccountId",
            Pseudo::NotificationArns => "AWS::NotificationARNs",
            Pseudo::NoValue => "AWS::NoValue",
            Pseudo::Partition => "AWS::Partition",
            Pseudo::Region => "AWS::Region",
            Pseudo::StackId => "AWS::StackId",
            Pseudo::StackName => "AWS::StackName",
            Pseudo::UrlSuffix => "AWS::URLSuffix",
        }
    }

    /// The pseudo parameter with this name, if any.
    pub fn from_name(name: &str) -> Option<Pseudo> {
        Pseudo::ALL.into_iter().find(|p| p.name() == name)
    }

    /// `{"Ref": "AWS::..."}`.
    pub fn to_ref(self) -> Value {
        json!({ "Ref": self.name() })
    }
}

impl From<Pseudo> for Value {
    fn from(p: Pseudo) -> Value {
        p.to_ref()
    }
}

/// A logical id, as generated code keeps it.
pub type Name = Cow<'static, str>;

/// The properties of a generated resource or property type, as the template writes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Props(Map<String, Value>);

impl Props {
    /// No properties.
    #[inline]
    pub fn new() -> Self {
        Props(Map::new())
    }

    /// Sets one property.
    #[inline]
    pub fn set<T>(mut self, name: &str, value: Val<T>) -> Self {
        self.0.insert(name.to_owned(), value.value);
        self
    }

    /// The properties, by name.
    #[inline]
    pub fn into_map(self) -> Map<String, Value> {
        self.0
    }

    /// The properties as one JSON object.
    #[inline]
    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

/// A generated resource type.
pub trait CfnResource: Sized {
    /// The type name, as a template's `Type` spells it: `"AWS::EC2::VPC"`.
    const TYPE_NAME: &'static str;
    /// Its `Fn::GetAtt` attributes (the schema's `readOnlyProperties`), one method each.
    type Att;
    /// The attributes of the resource with logical id `id`; [`Id::att`] calls it.
    #[doc(hidden)]
    fn att(id: Name) -> Self::Att;
    /// Its properties.
    fn into_props(self) -> Props;
}

/// The logical id of a resource of type `T`: what [`Id::reference`] and [`Id::att`] refer to, typed, so a
/// property that wants a VPC's id cannot be given a subnet's attribute by mistake, and a misspelled attribute
/// is a compile error.
///
/// ```
/// # #[cfg(feature = "ec2")] {
/// use infra_cfn::{Id, ec2};
/// const VPC: Id<ec2::VPC> = Id::named("AppVpc");
/// let subnet = ec2::Subnet::new(VPC.reference()).cidr_block("10.0.0.0/20");
/// let group = VPC.att().default_security_group();
/// assert_eq!(group.into_value(), serde_json::json!({"Fn::GetAtt": ["AppVpc", "DefaultSecurityGroup"]}));
/// # let _ = subnet;
/// # }
/// ```
pub struct Id<T> {
    name: Name,
    of: PhantomData<fn() -> T>,
}

impl<T: CfnResource> Id<T> {
    /// The id of a resource named in the code, usable in a `const`.
    pub const fn named(name: &'static str) -> Self {
        Id {
            name: Cow::Borrowed(name),
            of: PhantomData,
        }
    }

    /// The id of a resource whose name is built at run time (`format!("Subnet{n}")`).
    pub fn new(name: impl Into<String>) -> Self {
        Id {
            name: Cow::Owned(name.into()),
            of: PhantomData,
        }
    }

    /// The logical id.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `{"Ref": id}`: the resource's primary value (for most types its physical id).
    pub fn reference(&self) -> Val<String> {
        Val::parameter(self.name.clone())
    }

    /// The resource's `Fn::GetAtt` attributes.
    pub fn att(&self) -> T::Att {
        T::att(self.name.clone())
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        Id {
            name: self.name.clone(),
            of: PhantomData,
        }
    }
}

impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.name)
    }
}

impl<T> From<&Id<T>> for String {
    fn from(id: &Id<T>) -> String {
        id.name.to_string()
    }
}

impl<T> From<Id<T>> for String {
    fn from(id: Id<T>) -> String {
        id.name.into_owned()
    }
}

/// `{"Fn::GetAtt": [id, attribute]}`, for the generated `Att` accessors.
#[doc(hidden)]
#[inline]
pub fn get_att<T>(id: &Name, attribute: &str) -> Val<T> {
    Val::expr(json!({ "Fn::GetAtt": [id.as_ref(), attribute] }))
}
