use flarekit::validate::Validator;
use flarekit::{Nullable, Validate};

#[derive(serde::Serialize, Validate, PartialEq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PatternType {
    Email,
    #[serde(rename = "IP")]
    IpAddress,
    DomainName,
    /// Only responses carry it.
    #[validate(read_only)]
    Unknown,
    #[serde(untagged)]
    Other(String),
}

// `PartialEq`: `max_items` on `Vec<NewPolicy>` needs it (`ListValue` for `Vec<T>`).
#[derive(serde::Serialize, Validate, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NewPolicy {
    #[validate(min_length = 1, max_length = 8, pattern = "^\\S+$")]
    pub pattern: String,
    #[serde(rename = "kind")]
    pub pattern_type: PatternType,
    #[validate(format = "uuid")]
    pub rule_id: Option<String>,
    #[validate(minimum = 0, exclusive_maximum = 10)]
    pub weight: f64,
    #[serde(default, skip_serializing_if = "Nullable::is_omitted")]
    #[validate(max_length = 4)]
    pub comments: Nullable<String>,
    #[validate(max_items = 2, unique_items)]
    pub tags: Vec<String>,
    #[serde(skip)]
    pub local_note: Local,
}

/// Not sent (`#[serde(skip)]`): needs no `Validate`.
#[derive(Default, PartialEq)]
pub struct Local;

/// A newtype is checked as its field.
#[derive(serde::Serialize, Validate)]
pub struct BatchId(#[validate(format = "uuid")] pub String);

#[derive(serde::Serialize, Validate)]
pub struct Kinds(pub Vec<PatternType>);

#[derive(serde::Serialize, Validate)]
pub struct Batch<'a> {
    pub id: BatchId,
    #[validate(max_items = 3)]
    pub posts: Vec<NewPolicy>,
    pub kinds: Option<Kinds>,
    pub labels: &'a [&'a str],
}

fn policy(pattern: &str, pattern_type: PatternType) -> NewPolicy {
    NewPolicy {
        pattern: pattern.into(),
        pattern_type,
        rule_id: None,
        weight: 1.0,
        comments: Nullable::Omit,
        tags: vec![],
        local_note: Local,
    }
}

fn violations(check: impl FnOnce(&mut Validator)) -> Vec<(String, &'static str)> {
    let mut v = Validator::new();
    check(&mut v);
    match v.finish() {
        Ok(()) => vec![],
        Err(err) => err.violations().iter().map(|v| (v.field.to_string(), v.rule.name())).collect(),
    }
}

fn main() {
    assert_eq!(PatternType::VALUES, ["EMAIL", "IP", "DOMAIN_NAME"]);
    assert_eq!(Kinds::VALUES, PatternType::VALUES);
    assert_eq!(<Option<Vec<PatternType>> as Validate>::VALUES, PatternType::VALUES);
    assert!(NewPolicy::VALUES.is_empty() && BatchId::VALUES.is_empty());

    // The wire names the violations use are serde's.
    let json = serde_json::to_value(policy("a", PatternType::IpAddress)).unwrap();
    assert_eq!(json["kind"], "IP");
    assert!(json.get("ruleId").is_some() && json.get("comments").is_none());
    assert_eq!(serde_json::to_value(PatternType::DomainName).unwrap(), "DOMAIN_NAME");

    let good = policy("example", PatternType::Email);
    assert_eq!(violations(|v| good.validate(v)), []);
    // The untagged fallback is the caller's explicit choice: not refused.
    assert_eq!(violations(|v| v.nested("kind", &PatternType::Other("CIDR".into()))), []);
    assert_eq!(violations(|v| v.nested("kind", &PatternType::Unknown)), [("kind".to_string(), "one_of")]);

    let mut bad = policy("has space", PatternType::Unknown);
    bad.rule_id = Some("nope".into());
    bad.weight = 10.0;
    bad.comments = Nullable::Set("too long".into());
    bad.tags = vec!["a".into(), "a".into(), "b".into()];
    let posts = vec![good, bad, policy("", PatternType::DomainName)];
    let expected = [
        ("posts[1].pattern", "max_length"),
        ("posts[1].pattern", "pattern"),
        ("posts[1].kind", "one_of"),
        ("posts[1].ruleId", "format"),
        ("posts[1].weight", "exclusive_maximum"),
        ("posts[1].comments", "max_length"),
        ("posts[1].tags", "max_items"),
        ("posts[1].tags", "unique_items"),
        ("posts[2].pattern", "min_length"),
        ("posts[2].pattern", "pattern"),
    ];
    let expected: Vec<(String, &str)> = expected.iter().map(|(f, r)| (f.to_string(), *r)).collect();
    assert_eq!(violations(|v| v.nested("posts", &posts)), expected);

    let batch = Batch {
        id: BatchId("f174e90a-fafe-4643-bbbc-4a0ed4fc841".into()),
        posts: posts.into_iter().chain([policy("x", PatternType::Email)]).collect(),
        kinds: Some(Kinds(vec![PatternType::Email, PatternType::Unknown])),
        labels: &["a"],
    };
    let got = violations(|v| v.nested("batch", &batch));
    assert_eq!(got[0], ("batch.id".to_string(), "format"));
    assert_eq!(got[1], ("batch.posts".to_string(), "max_items"));
    assert_eq!(got[2], ("batch.posts[1].pattern".to_string(), "max_length"));
    assert_eq!(got.last().unwrap(), &("batch.kinds[1]".to_string(), "one_of"));
    assert_eq!(got.len(), 2 + expected.len() + 1);
}
