"""The typed model: one Rust module per service from the registry schemas (imported by generate.py).

Each resource type becomes a struct named exactly as CloudFormation names it (`ec2::VPC`), built by `new(..)`
taking its required properties in schema order and one setter per writable property (`cidr_block`); property
types (`definitions` and inline objects) become structs of the same shape in the resource's module
(`ec2::vpc::Tag`), string enums become Rust enums, `readOnlyProperties` become the `Att` accessors of the
resource's module. Everything generic is left generic (setters take `impl Into<Val<T>>`) and every other
function is `#[inline]`, so a service costs type checking, not code generation, until it is used.

The same walk writes, for the all-types test, one Rust expression per resource type filling its required
properties (and one branch of each `oneOf`/`anyOf`/`requiredXor` requirement) with placeholder values that
satisfy the schema's enums, patterns, formats, lengths and bounds.
"""

import re
import sre_constants
import sre_parse
import sys

try:
    import regex as re_mod  # cfn-lint's own engine (a dependency of cfn-lint), to check a built string
except ImportError:  # pragma: no cover
    re_mod = re

RUST_KEYWORDS = set(
    "as async await break const continue crate dyn else enum extern false fn for gen if impl in let loop "
    "match mod move mut pub ref return self Self static struct super trait true type union unsafe use where "
    "while abstract become box do final macro override priv try typeof unsized virtual yield".split()
)
NOT_RAW = {"self", "Self", "super", "crate"}
DOCS = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference"


def die(msg):
    sys.exit(f"generate.py: {msg}")


def words(name):
    """Splits `VPCGatewayAttachment`, `Ipv4IpamPoolId`, `tcp_udp`, `dual-stack` into words."""
    out = []
    for part in re.split(r"[^A-Za-z0-9]+", name):
        if not part:
            continue
        cur = part[0]
        for i in range(1, len(part)):
            c, prev = part[i], part[i - 1]
            nxt = part[i + 1] if i + 1 < len(part) else ""
            if c.isupper() and (prev.islower() or prev.isdigit() or (prev.isupper() and nxt.islower())):
                out.append(cur)
                cur = c
            else:
                cur += c
        out.append(cur)
    return out


def snake(name):
    s = "_".join(w.lower() for w in words(name))
    if not s:
        s = "value"
    if s[0].isdigit():
        s = "n" + s
    return ident(s)


def camel(name):
    s = "".join(w[:1].upper() + w[1:].lower() for w in words(name))
    if not s:
        s = "Empty"
    if s[0].isdigit():
        s = "V" + s
    if s in RUST_KEYWORDS:
        s += "Value"
    return s


def ident(s):
    if s in NOT_RAW:
        return s + "_"
    if s in RUST_KEYWORDS:
        return "r#" + s
    return s


def type_ident(name):
    """A definition or resource name as a Rust type name: kept when it is one, else camel-cased."""
    if re.fullmatch(r"[A-Z][A-Za-z0-9]*", name) and name not in RUST_KEYWORDS:
        return name
    return camel(name)


def unique(name, taken):
    base, n = name, 2
    while name in taken:
        name = f"{base}{n}"
        n += 1
    taken.add(name)
    return name


def doc_lines(text, indent):
    """Rustdoc lines for schema text: leading blanks dropped (no accidental code blocks), bare fences typed."""
    text = (text or "").replace("\r", "")
    lines = []
    fence = False
    for line in text.split("\n"):
        line = line.strip()
        if line.startswith("```"):
            if not fence and line == "```":
                line = "```text"
            fence = not fence
        lines.append(line)
    if fence:
        lines.append("```")
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return [f"{indent}///{(' ' + l) if l else ''}" for l in lines]


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class Service:
    """The Rust text of one service module, and its placeholder expressions for the test."""

    def __init__(self, module):
        self.module = module
        self.lines = []
        self.samples = []  # one Rust expression per resource type


PATHS = {}  # type name -> (service module, struct, primaryIdentifier), filled by generate.py
PRIMARY = {}  # type name -> primaryIdentifier (relative paths), filled by generate.py
FOREIGN_REF = re.compile(r"crate::RefTo<crate::([a-z0-9_]+)::[A-Za-z0-9_]+>")


def names_for(types):
    """The Rust names of every resource type: {type name: (service module, struct, resource module)}."""
    out, taken = {}, {}
    for name, module in types:
        t_types, t_mods = taken.setdefault(module, (set(), set()))
        res = name.split("::")[2]
        out[name] = (module, unique(type_ident(res), t_types), unique(snake(res), t_mods))
    return out


def cfg_variants(lines, own, indent):
    """`lines` (one function) as is, or, when it names a resource type of another service, twice: typed under
    that service's feature, `String` without it."""
    text = "\n".join(lines)
    foreign = sorted({m for m in FOREIGN_REF.findall(text) if m != own})
    if not foreign:
        return lines
    cond = ", ".join(f'feature = "{m}"' for m in foreign)
    cond = cond if len(foreign) == 1 else f"all({cond})"
    plain = FOREIGN_REF.sub(lambda m: m.group(0) if m.group(1) == own else "String", text)
    head = [l for l in lines if l.lstrip().startswith("///")]
    body_typed = [l for l in lines if not l.lstrip().startswith("///")]
    body_plain = [l for l in plain.split("\n") if not l.lstrip().startswith("///")]
    return head + [f"{indent}#[cfg({cond})]"] + body_typed + head + [f"{indent}#[cfg(not({cond}))]"] + body_plain


class ResourceGen:
    def __init__(self, service, type_name, schema, taken_mods, taken_types):
        self.svc = service
        self.type_name = type_name
        self.schema = schema
        _, svc_name, res_name = type_name.split("::")
        self.svc_slug = svc_name.lower()
        self.res_slug = res_name.lower()
        _, self.struct, self.mod = PATHS[type_name]
        self.defs = schema.get("definitions", {})
        self.taken = {"Att"}
        self.items = {}  # key -> generated item name (definitions, inline objects, enums)
        self.out = []  # lines of the resource module
        self.queue = []
        self.create_only = {p.split("/")[2] for p in schema.get("createOnlyProperties", []) if p.count("/") == 2}
        self.deprecated = {p.split("/")[2] for p in schema.get("deprecatedProperties", []) if p.count("/") == 2}
        self.read_only = {p.split("/")[2] for p in schema.get("readOnlyProperties", []) if p.count("/") == 2}
        self.resolving = set()

    # -- types ---------------------------------------------------------------------------------------------------

    def deref(self, node):
        seen = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/definitions/") or ref in seen:
                return None, None
            seen.add(ref)
            name = ref[len("#/definitions/"):]
            if name not in self.defs:
                return None, None
            node = normalize(self.defs[name])
            if isinstance(node, dict) and is_struct(node):
                return node, name
        return node, None

    def rust_type(self, node, owner, prop):
        """The marker type a value of this schema takes: `String`, `i64`, `List<..>`, a struct, an enum."""
        if not isinstance(node, dict):
            return "crate::Json"
        target, def_name = self.deref(node)
        if target is None:
            return "crate::Json"
        target = normalize(target)
        if def_name is not None:
            return self.register(("def", def_name), type_ident(def_name), "struct", target, ("def", def_name))
        node = target
        if is_struct(node):
            key = ("inline", owner, prop)
            return self.register(key, self.inline_name(owner, prop), "struct", node, key)
        t = node.get("type")
        if isinstance(t, list):
            scalars = [x for x in t if x != "string"]
            if len(t) == 2 and "string" in t and scalars[0] in ("integer", "number", "boolean"):
                t = scalars[0]
            elif t == ["object"]:
                t = "object"
            else:
                return "crate::Json"
        if t is None:
            for key in ("oneOf", "anyOf"):
                if key in node and all(isinstance(b, dict) for b in node[key]):
                    kinds = {self.rust_type(b, owner, prop) for b in node[key]}
                    if len(kinds) == 1:
                        return kinds.pop()
            if any(k in node and all(isinstance(v, str) for v in node[k]) for k in ("enum", "enumCaseInsensitive")):
                t = "string"
            else:
                return "crate::Json"
        rel = node.get("relationshipRef")
        if t == "string" and isinstance(rel, dict) and rel.get("typeName") in PATHS:
            module, struct, _ = PATHS[rel["typeName"]]
            if rel.get("propertyPath") == "/properties/" + "/".join(PRIMARY.get(rel["typeName"], [])):
                return f"crate::RefTo<crate::{module}::{struct}>"
        if t == "string":
            values = node.get("enum", node.get("enumCaseInsensitive"))
            if values and all(isinstance(v, str) for v in values) and len(set(values)) == len(values):
                return self.register(("enum", owner, prop, tuple(values)), self.inline_name(owner, prop), "enum",
                                     values, node)
            return "String"
        if t == "integer":
            return "i64"
        if t == "number":
            return "f64"
        if t == "boolean":
            return "bool"
        if t == "array":
            items = node.get("items")
            if isinstance(items, dict):
                return f"crate::List<{self.rust_type(items, owner, prop)}>"
            return "crate::List<crate::Json>"
        if t == "object":
            pats = node.get("patternProperties")
            if isinstance(pats, dict) and len(pats) == 1:
                (inner,) = pats.values()
                return f"crate::MapOf<{self.rust_type(inner, owner, prop)}>"
            extra = node.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return f"crate::MapOf<{self.rust_type(extra, owner, prop)}>"
            return "crate::Json"
        return "crate::Json"

    def register(self, key, name, kind, *payload):
        """The item for `key` (a property struct or an enum), named once, queued for writing the first time."""
        if key not in self.items:
            rust = unique(name, self.taken | {self.struct})
            self.taken.add(rust)
            self.items[key] = rust
            self.queue.append((kind, rust, *payload))
        return f"{self.mod}::{self.items[key]}"

    def inline_name(self, owner, prop):
        """An inline struct's or enum's name: the property's, after its owner's unless the owner is the resource."""
        return (owner if owner != self.struct else "") + type_ident(prop)

    # -- text ----------------------------------------------------------------------------------------------------

    def page(self, def_name=None):
        if def_name is None:
            return f"{DOCS}/aws-resource-{self.svc_slug}-{self.res_slug}.html"
        return f"{DOCS}/aws-properties-{self.svc_slug}-{self.res_slug}-{def_name.lower()}.html"

    def setters(self, node, self_ty, owner, page, anchor, is_resource, indent):
        """`new(..)` and one setter per property; returns (lines, required [(prop, type)])."""
        props = node.get("properties", {})
        required = [p for p in props if p in set(required_of(node))]
        names = self.method_names(node, is_resource)
        methods = []
        new_args = []
        for prop, sub in props.items():
            if prop not in names:
                continue
            ty = self.rust_type(sub, owner, prop)
            method = names[prop]
            desc = sub.get("description", "") if isinstance(sub, dict) else ""
            link = f"{page}#cfn-{anchor}-{prop.lower()}"
            if prop in required:
                new_args.append((prop, method, ty, desc))
                continue
            m = doc_lines(desc, indent) or [f"{indent}/// `{prop}`."]
            m.append(f"{indent}///")
            m.append(f"{indent}/// [`{prop}`]({link})"
                     + (": changing it replaces the resource." if is_resource and prop in self.create_only else "."))
            if is_resource and prop in self.deprecated:
                m.append(f'{indent}#[deprecated(note = "the schema lists {prop} as deprecated")]')
            m.append(f"{indent}pub fn {method}(self, value: impl Into<crate::Val<{ty}>>) -> Self {{")
            m.append(f"{indent}    Self(self.0.set({rust_str(prop)}, value.into()))")
            m.append(f"{indent}}}")
            methods.append(cfg_variants(m, self.svc.module, indent))
        new = []
        if new_args:
            new.append(f"{indent}/// A `{self_ty}` with its required properties:")
            new.append(f"{indent}///")
            for prop, method, ty, desc in new_args:
                first = (doc_lines(desc, "") or ["/// "])[0][4:]
                new.append(f"{indent}/// - `{method}`: [`{prop}`]({page}#cfn-{anchor}-{prop.lower()}). {first}".rstrip())
        else:
            new.append(f"{indent}/// A `{self_ty}` with no properties set (the schema requires none).")
        args = ", ".join(f"{m}: impl Into<crate::Val<{t}>>" for _, m, t, _ in new_args)
        new.append(f"{indent}pub fn new({args}) -> Self {{")
        body = "crate::Props::new()" + "".join(f".set({rust_str(p)}, {m}.into())" for p, m, _, _ in new_args)
        new.append(f"{indent}    Self({body})")
        new.append(f"{indent}}}")
        return cfg_variants(new, self.svc.module, indent), methods, new_args

    def generate(self):
        s = self.schema
        svc = self.svc
        page = self.page()
        anchor = f"{self.svc_slug}-{self.res_slug}"
        new, methods, required = self.setters(s, self.type_name, self.struct, page, anchor, True, "    ")
        lines = doc_lines(s.get("description", ""), "")
        lines += ["///", f"/// [`{self.type_name}`]({page}); its property types and attributes are in [`{self.mod}`]."]
        lines += ["#[derive(Clone)]", "#[must_use]", f"pub struct {self.struct}(crate::Props);", ""]
        lines += [f"impl {self.struct} {{"] + new
        for m in methods:
            lines += [""] + m
        lines += ["}", ""]
        lines += [
            f"impl crate::CfnResource for {self.struct} {{",
            f"    const TYPE_NAME: &'static str = {rust_str(self.type_name)};",
            f"    type Att = {self.mod}::Att;",
            "    #[inline]",
            f"    fn att(id: crate::Name) -> {self.mod}::Att {{",
            f"        {self.mod}::Att(id)",
            "    }",
            "    #[inline]",
            "    fn into_props(self) -> crate::Props {",
            "        self.0",
            "    }",
            "}",
            "",
        ]
        # the module: attributes, then property types as they are reached
        mod = [f"/// The property types and attributes of [`{self.struct}`].", f"pub mod {self.mod} {{"]
        mod += [f"    /// The `Fn::GetAtt` attributes of a [`{self.struct}`](super::{self.struct}): "
                "`Id::<..>::att()` gives one.",
                "    #[derive(Clone)]",
                "    pub struct Att(pub(crate) crate::Name);",
                "",
                "    impl Att {"]
        atts = set()
        for p in s.get("readOnlyProperties", []):
            parts = p.split("/")[2:]
            if "*" in parts or not parts:
                continue
            attr = ".".join(parts)
            node = s.get("properties", {})
            sub = None
            for i, part in enumerate(parts):
                sub = node.get(part) if isinstance(node, dict) else None
                if sub is None:
                    break
                target, _ = self.deref(sub)
                node = target.get("properties", {}) if isinstance(target, dict) else {}
            ty = self.rust_type(sub, self.struct, parts[-1]) if sub is not None else "String"
            ty = re.sub(r"crate::RefTo<[^>]*>", "String", ty)
            method = unique(snake("_".join(parts)), atts)
            desc = sub.get("description", "") if isinstance(sub, dict) else ""
            mod += doc_lines(desc, "        ") + ["        ///", f"        /// `Fn::GetAtt` `{attr}`.",
                                                  "        #[inline]",
                                                  f"        pub fn {method}(&self) -> crate::Val<{ty}> {{",
                                                  f"            crate::get_att(&self.0, {rust_str(attr)})", "        }"]
        mod += ["    }"]
        if not atts:  # nothing reads the name of a type without attributes
            mod = [l.replace("(pub(crate) crate::Name)", "(#[allow(dead_code)] pub(crate) crate::Name)")
                   for l in mod]
        while self.queue:
            entry = self.queue.pop(0)
            mod.append("")
            if entry[0] == "struct":
                _, rust, node, key = entry
                def_name = key[1] if key[0] == "def" else None
                ppage = self.page(def_name) if def_name else page
                panchor = f"{anchor}-{def_name.lower()}" if def_name else anchor
                new, methods, _ = self.setters(node, rust, rust, ppage, panchor, False, "        ")
                body = doc_lines(node.get("description", ""), "    ") or [f"    /// `{def_name or key[2]}`."]
                body += ["    ///", f"    /// [`{def_name or key[2]}`]({ppage})."]
                body += ["    #[derive(Clone)]", "    #[must_use]",
                         f"    pub struct {rust}(crate::Props);", "", f"    impl {rust} {{"]
                body += new
                for m in methods:
                    body += [""] + m
                body += ["    }", "", f"    impl crate::Shape for {rust} {{", "        #[inline]",
                         "        fn into_value(self) -> crate::Value {", "            self.0.into_value()",
                         "        }", "    }"]
                mod += body
            else:
                _, rust, values, node = entry
                variants = {}
                for v in values:
                    name = camel(v)
                    if name in variants.values():
                        name = unique(name, set(variants.values()))
                    variants[v] = name
                body = doc_lines(node.get("description", ""), "    ") or [f"    /// The values CloudFormation accepts."]
                body += ["    #[derive(Clone, Copy)]", f"    pub enum {rust} {{"]
                for v, name in variants.items():
                    body += [f"        /// `{v}`" if "`" not in v else f"        /// {v}", f"        {name},"]
                body += ["    }", "", f"    impl {rust} {{", "        /// The value as the template writes it.",
                         "        #[inline]", "        pub const fn as_str(self) -> &'static str {",
                         "            match self {"]
                body += [f"                {rust}::{name} => {rust_str(v)}," for v, name in variants.items()]
                body += ["            }", "        }", "    }", "", f"    impl crate::Shape for {rust} {{",
                         "        #[inline]", "        fn into_value(self) -> crate::Value {",
                         "            crate::Value::String(self.as_str().into())", "        }", "    }"]
                mod += body
        mod += ["}", ""]
        own = re.compile(r"(?<![A-Za-z0-9_:])" + re.escape(self.mod) + "::")
        mod = [own.sub("", l) for l in mod]
        svc.lines += lines + mod
        svc.samples.append(self.sample())

    # -- placeholders for the all-types test ---------------------------------------------------------------------

    def sample(self):
        s = self.schema
        props = s.get("properties", {})
        req = [p for p in props if p in set(required_of(s))]
        extra = extra_required(s, req)
        expr = f"{self.svc.module}::{self.struct}::new({', '.join(self.value(props[p], self.struct, p) for p in req)})"
        for p in extra:
            if p in props and p not in req and p not in self.read_only:
                expr += f".{self.method_names(s, True)[p]}({self.value(props[p], self.struct, p)})"
        return expr

    def method_names(self, node, is_resource):
        """{property: setter or `new` argument name}: snake case, `_property` after a clash; a resource's read-only
        properties that are not required have none."""
        props = node.get("properties", {})
        required = set(required_of(node))
        names, out = set(), {}
        for prop in props:
            if is_resource and prop in self.read_only and prop not in required:
                continue
            method = snake(prop)
            if method in ("new", "into_value") or method in names:
                method = unique(method + "_property", names)
            names.add(method)
            out[prop] = method
        return out

    def value(self, node, owner, prop, depth=0):
        ty = self.rust_type(node, owner, prop)
        target, def_name = self.deref(node)
        target = normalize(target or {})
        if depth > 12:
            die(f"{self.type_name}: required properties recurse at {prop}")
        if ty.startswith(f"{self.mod}::") and is_struct(target):
            req = [p for p in target.get("properties", {}) if p in set(required_of(target))]
            extra = extra_required(target, req)
            name = ty.split("::")[-1]
            args = ", ".join(self.value(target["properties"][p], name, p, depth + 1) for p in req)
            expr = f"{self.svc.module}::{ty}::new({args})"
            for p in extra:
                if p in target.get("properties", {}) and p not in req:
                    expr += f".{self.method_names(target, False)[p]}({self.value(target['properties'][p], name, p, depth + 1)})"
            return expr
        if ty.startswith(f"{self.mod}::"):
            values = [v for v in target.get("enum", target.get("enumCaseInsensitive", []))]
            return f"{self.svc.module}::{ty}::{camel(values[0])}" if values else die(f"{ty}")
        return literal(ty, target, self, owner, prop, depth)


def literal(ty, node, gen, owner, prop, depth):
    if ty == "String" or ty.startswith("crate::RefTo<"):
        return f"{rust_str(string_for(node))}"
    if ty in ("i64", "f64"):
        lo = node.get("minimum", node.get("exclusiveMinimum", 0))
        hi = node.get("maximum")
        n = max(1, int(lo) + (1 if "exclusiveMinimum" in node else 0))
        if hi is not None and n > hi:
            n = int(hi)
        return f"{n}i64" if ty == "i64" else f"{n}f64"
    if ty == "bool":
        return "false"
    if ty.startswith("crate::List<"):
        items = node.get("items", {})
        n = max(1, node.get("minItems", 1))
        inner = gen.value(items, owner, prop, depth + 1)
        return "vec![" + ", ".join([inner] * n) + "]"
    if ty.startswith("crate::MapOf<"):
        pats = node.get("patternProperties") or {}
        inner_schema = next(iter(pats.values())) if pats else node.get("additionalProperties", {})
        key = string_for({"pattern": next(iter(pats))}) if pats else "key"
        return f"[({rust_str(key)}, {gen.value(inner_schema, owner, prop, depth + 1)})]"
    # JSON: an empty object, or a string where the schema says string
    t = node.get("type")
    if t == "string" or (isinstance(t, list) and "object" not in t and "string" in t):
        return f"serde_json::Value::from({rust_str(string_for(node))})"
    if t == "array":
        return "serde_json::json!([])"
    if node.get("minProperties", 0) > 0:
        return 'serde_json::json!({"Placeholder": "placeholder"})'
    return "serde_json::json!({})"


FORMATS = {
    "ipv4-network": "10.0.0.0/16",
    "ipv6-network": "2001:db8::/56",
    "ipv4": "10.0.0.1",
    "ipv6": "2001:db8::1",
    "date-time": "2026-01-01T00:00:00Z",
    "uri": "https://example.com/",
    "email": "ops@example.com",
    "AWS::EC2::VPC.Id": "vpc-0123456789abcdef0",
    "AWS::EC2::Subnet.Id": "subnet-0123456789abcdef0",
    "AWS::EC2::SecurityGroup.Id": "sg-0123456789abcdef0",
    "AWS::EC2::SecurityGroup.GroupId": "sg-0123456789abcdef0",
    "AWS::EC2::SecurityGroup.GroupName": "placeholder",
    "AWS::EC2::Image.Id": "ami-0123456789abcdef0",
    "AWS::EC2::KeyPair.KeyName": "placeholder",
    "AWS::EC2::VPCEndpoint.Id": "vpce-0123456789abcdef0",
    "AWS::EC2::PrefixList.Id": "pl-0123456789abcdef0",
    "AWS::EC2::TransitGateway.Id": "tgw-0123456789abcdef0",
    "AWS::EC2::NatGateway.Id": "nat-0123456789abcdef0",
    "AWS::EC2::InternetGateway.Id": "igw-0123456789abcdef0",
    "AWS::EC2::RouteTable.Id": "rtb-0123456789abcdef0",
    "AWS::EC2::NetworkInterface.Id": "eni-0123456789abcdef0",
    "AWS::EC2::Instance.Id": "i-0123456789abcdef0",
    "AWS::EC2::Volume.Id": "vol-0123456789abcdef0",
    "AWS::EC2::EIP.AllocationId": "eipalloc-0123456789abcdef0",
    "AWS::EC2::LaunchTemplate.LaunchTemplateId": "lt-0123456789abcdef0",
    "AWS::EC2::VPNGateway.Id": "vgw-0123456789abcdef0",
    "AWS::EC2::CustomerGateway.Id": "cgw-0123456789abcdef0",
    "AWS::EC2::EgressOnlyInternetGateway.Id": "eigw-0123456789abcdef0",
    "AWS::EC2::VPCPeeringConnection.Id": "pcx-0123456789abcdef0",
    "AWS::EC2::CarrierGateway.Id": "cagw-0123456789abcdef0",
    "AWS::EC2::LocalGatewayRouteTable.Id": "lgw-rtb-0123456789abcdef0",
    "AWS::EC2::SpotFleetRequest.Id": "sfr-01234567-89ab-cdef-0123-456789abcdef",
    "AWS::IAM::Role.Arn": "arn:aws:iam::123456789012:role/placeholder",
    "AWS::IAM::Role.Id": "AROA0123456789EXAMPLE",
    "AWS::KMS::Key.Arn": "arn:aws:kms:us-east-1:123456789012:key/0123abcd-01ab-23cd-45ef-0123456789ab",
    "AWS::KMS::Key.Id": "0123abcd-01ab-23cd-45ef-0123456789ab",
    "AWS::Logs::LogGroup.Name": "placeholder",
    "AWS::Logs::LogGroup.Arn": "arn:aws:logs:us-east-1:123456789012:log-group:placeholder",
    "AWS::S3::Bucket.Name": "placeholder-bucket",
    "AWS::SNS::Topic.Arn": "arn:aws:sns:us-east-1:123456789012:placeholder",
    "AWS::SQS::Queue.Arn": "arn:aws:sqs:us-east-1:123456789012:placeholder",
    "AWS::Lambda::Function.Arn": "arn:aws:lambda:us-east-1:123456789012:function:placeholder",
}


def string_for(node):
    """A string that satisfies the schema's enum, format, pattern and length bounds, as far as one can be built."""
    for key in ("enum", "enumCaseInsensitive"):
        if node.get(key):
            return node[key][0]
    for key in ("anyOf", "oneOf"):
        for branch in node.get(key) or []:
            if isinstance(branch, dict) and "$ref" not in branch and branch.get("type", "string") == "string":
                return string_for({**{k: v for k, v in node.items() if k not in ("anyOf", "oneOf")}, **branch})
    if "const" in node and isinstance(node["const"], str):
        return node["const"]
    lo, hi = node.get("minLength", 1), node.get("maxLength", 10**6)
    fmt = node.get("format")
    if isinstance(fmt, str) and fmt in FORMATS:
        return FORMATS[fmt]
    pattern = node.get("pattern")
    if isinstance(pattern, str):
        found = from_pattern(pattern, lo, hi)
        if found is not None:
            return found
    s = "placeholder"
    return (s * (lo // len(s) + 1))[: max(lo, min(len(s), hi))]


def from_pattern(pattern, lo, hi):
    try:
        tree = sre_parse.parse(pattern.replace("(?i)", "").replace("\\p{L}", "a").replace("\\p{N}", "0").replace("\\p{Z}", " ")
                               .replace("\\p{P}", ".").replace("\\p{Cc}", "\\x00").replace("\\p{M}", "a").replace("\\p{S}", "+"))
    except Exception:
        return None
    candidates = []
    for target in (max(lo, 1), lo, max(lo, 8), max(lo, 3), max(lo, 16), max(lo, 32)):
        try:
            candidates.append(build(tree, target))
        except Exception:
            break
    candidates += CANNED
    candidates.sort(key=lambda c: not any(ch.isalpha() for ch in c))  # "0" reads as a number to some checks
    for s in candidates:
        if lo <= len(s) <= hi:
            try:
                if re_mod.search(pattern, s):
                    return s
            except Exception:
                return None
    return None


# Values that satisfy patterns the builder above gets wrong (alternations whose first branch is empty, ...).
CANNED = ["0", "1", "a", "1.0", "placeholder", "a@example.com", "https://example.com/",
          "arn:aws:s3:::placeholder-bucket", "arn:aws:s3:::placeholder-bucket/key", "placeholder-0000000000000000"]


def build(tree, want):
    out = []
    for op, av in tree:
        if op == sre_constants.LITERAL:
            out.append(chr(av))
        elif op == sre_constants.NOT_LITERAL:
            out.append("a" if chr(av) != "a" else "b")
        elif op == sre_constants.ANY:
            out.append("a")
        elif op == sre_constants.IN:
            out.append(pick(av))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            lo, hi, sub = av
            n = lo
            if n == 0 and hi > 0 and len("".join(out)) < want:
                n = 1
            cur = len("".join(out))
            while n < hi and n < 64 and cur + n * max(1, len(build(sub, 0))) < want:
                n += 1
            out.append("".join(build(sub, 0) for _ in range(n)))
        elif op == sre_constants.SUBPATTERN:
            out.append(build(av[-1], 0))
        elif op == sre_constants.BRANCH:
            out.append(build(av[1][0], 0))
        elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        elif op == sre_constants.CATEGORY:
            out.append(category(av))
        elif op == sre_constants.GROUPREF:
            raise ValueError("backreference")
        else:
            raise ValueError(op)
    return "".join(out)


def category(av):
    return {sre_constants.CATEGORY_DIGIT: "0", sre_constants.CATEGORY_SPACE: " ",
            sre_constants.CATEGORY_WORD: "a", sre_constants.CATEGORY_NOT_DIGIT: "a",
            sre_constants.CATEGORY_NOT_SPACE: "a", sre_constants.CATEGORY_NOT_WORD: "-"}.get(av, "a")


def pick(items):
    if items and items[0][0] == sre_constants.NEGATE:
        banned = set()
        for op, av in items[1:]:
            if op == sre_constants.LITERAL:
                banned.add(chr(av))
            elif op == sre_constants.RANGE:
                banned.update(chr(c) for c in range(av[0], av[1] + 1))
        for c in "aA0-_":
            if c not in banned:
                return c
        return "~"
    prefer = []
    for op, av in items:
        if op == sre_constants.LITERAL:
            prefer.append(chr(av))
        elif op == sre_constants.RANGE:
            lo, hi = av
            for c in "a0A":
                if lo <= ord(c) <= hi:
                    prefer.insert(0, c)
            prefer.append(chr(lo))
        elif op == sre_constants.CATEGORY:
            prefer.append(category(av))
    return prefer[0] if prefer else "a"


MERGED = {}


def normalize(node):
    """A `oneOf`/`anyOf` of objects (no `type` of its own) as one object with every branch's properties, none
    required; the branches stay under `oneOf`, for the placeholders."""
    if not isinstance(node, dict) or "properties" in node or node.get("type", "object") not in ("object", ["object"]):
        return node
    for key in ("oneOf", "anyOf"):
        branches = node.get(key)
        if isinstance(branches, list) and branches and all(
            isinstance(b, dict) and isinstance(b.get("properties"), dict) for b in branches
        ):
            if id(node) not in MERGED:
                props = {}
                for b in branches:
                    for k, v in b["properties"].items():
                        props.setdefault(k, v)
                merged = {k: v for k, v in node.items() if k != key}
                merged.update({"type": "object", "properties": props, "oneOf": branches})
                MERGED[id(node)] = (node, merged)
            return MERGED[id(node)][1]
    return node


def is_struct(node):
    return isinstance(node, dict) and isinstance(node.get("properties"), dict) and node.get("type", "object") in (
        "object", ["object"])


def required_of(node):
    """`required`, with the `required` of every `allOf` member (nested ones too): all of them must be set."""
    out = list(node.get("required", [])) if isinstance(node.get("required"), list) else []
    for member in node.get("allOf") or []:
        if isinstance(member, dict):
            out += [p for p in required_of(member) if p not in out]
    return out


def extra_required(node, have):
    """Properties one branch of the schema's oneOf/anyOf/requiredXor/requiredOr needs beyond `required`."""
    out = []
    for member in node.get("allOf") or []:
        if isinstance(member, dict):
            out += [p for p in extra_required(member, have + out) if p not in out]
    for key in ("oneOf", "anyOf"):
        branches = node.get(key)
        if isinstance(branches, list) and not any(b == {} for b in branches):
            if all(isinstance(b, dict) and "required" not in b and isinstance(b.get("properties"), dict)
                   for b in branches) and branches[0]["properties"]:
                first = next(iter(branches[0]["properties"]))
                if first not in have and first not in out:
                    out.append(first)
                continue
            for b in branches:
                if isinstance(b, dict) and isinstance(b.get("required"), list) and "not" not in b:
                    out += [p for p in b["required"] if p not in have and p not in out]
                    break
    for key in ("requiredXor", "requiredOr"):
        opts = node.get(key)
        if isinstance(opts, list) and opts and not any(o in have or o in out for o in opts):
            out.append(opts[0])
    if node.get("minProperties", 0) > 0 and not have and not out and node.get("properties"):
        out.append(next(iter(node["properties"])))
    for prop, needs in (node.get("dependentRequired") or {}).items():
        if prop in have or prop in out:
            out += [p for p in needs if p not in have and p not in out]
    return out
