//! The path template of `#[endpoint]`: literal text and `<name>` placeholders.

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text copied as is.
    Literal(String),
    /// `<name>`: the value of the field `name`, percent-encoded as one segment.
    Placeholder(String),
    /// `<name..>` at the end: one or more segments, the value's `/`s kept.
    Rest(String),
}

/// A parsed path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub segments: Vec<Segment>,
}

impl Template {
    /// Parses `source`, reporting every problem found (as messages for the literal's span).
    pub fn parse(source: &str) -> Result<Template, Vec<String>> {
        let mut errors = Vec::new();
        if !source.starts_with('/') {
            errors.push(format!("the path template must start with `/`, found `{source}`"));
        }
        if source.contains(['?', '#']) {
            errors.push(
                "the path template must not contain `?` or `#`: declare query fields with `#[param(query)]`".to_owned(),
            );
        }
        if source.contains(char::is_whitespace) {
            errors.push("the path template must not contain whitespace".to_owned());
        }
        let mut segments = Vec::new();
        let mut literal = String::new();
        let mut rest = source;
        while let Some(c) = rest.chars().next() {
            match c {
                '<' => {
                    let after = &rest[1..];
                    let close = after.find('>');
                    let open = after.find('<');
                    match close {
                        Some(end) if open.map_or(true, |o| o > end) => {
                            let whole = &after[..end];
                            let rest_name = whole.strip_suffix("..");
                            let name = rest_name.unwrap_or(whole);
                            if rest_name.is_some() && (end + 1 != after.len() || !literal.ends_with('/')) {
                                errors.push(format!(
                                    "`<{whole}>` takes the rest of the path: it must be the last segment, after a `/`"
                                ));
                            }
                            if name.is_empty() {
                                errors.push(
                                    "empty placeholder `<>` in the path template: write `<field_name>`".to_owned(),
                                );
                            } else if !is_identifier(name) {
                                errors.push(format!(
                                    "invalid placeholder `<{name}>`: a placeholder is the name of a field (letters, digits and `_`)"
                                ));
                            } else {
                                if segments
                                    .iter()
                                    .any(|s| matches!(s, Segment::Placeholder(n) | Segment::Rest(n) if n == name))
                                {
                                    errors.push(format!("placeholder `<{name}>` appears twice in the path template"));
                                }
                                if !literal.is_empty() {
                                    segments.push(Segment::Literal(std::mem::take(&mut literal)));
                                }
                                segments.push(match rest_name {
                                    Some(_) => Segment::Rest(name.to_owned()),
                                    None => Segment::Placeholder(name.to_owned()),
                                });
                            }
                            rest = &after[end + 1..];
                        }
                        _ => {
                            errors.push(
                                "unclosed `<` in the path template: a placeholder is written `<field_name>`".to_owned(),
                            );
                            // Skip to the next `<` (or the end) and keep looking for problems.
                            rest = open.map_or("", |o| &after[o..]);
                        }
                    }
                }
                '>' => {
                    errors
                        .push("unmatched `>` in the path template: a placeholder is written `<field_name>`".to_owned());
                    rest = &rest[1..];
                }
                _ => {
                    literal.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        if !literal.is_empty() {
            segments.push(Segment::Literal(literal));
        }
        if errors.is_empty() {
            Ok(Template { segments })
        } else {
            Err(errors)
        }
    }

    /// The placeholder names in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Placeholder(name) | Segment::Rest(name) => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// The `<name..>` placeholder, if there is one.
    pub fn rest(&self) -> Option<&str> {
        self.segments.iter().find_map(|s| match s {
            Segment::Rest(name) => Some(name.as_str()),
            _ => None,
        })
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Segment {
        Segment::Literal(s.to_owned())
    }
    fn ph(s: &str) -> Segment {
        Segment::Placeholder(s.to_owned())
    }

    #[test]
    fn splits_literals_and_placeholders() {
        let t = Template::parse("/accounts/<account_id>/settings/<id>").unwrap();
        assert_eq!(t.segments, [lit("/accounts/"), ph("account_id"), lit("/settings/"), ph("id")]);
        assert_eq!(t.placeholders().collect::<Vec<_>>(), ["account_id", "id"]);
        let t = Template::parse("/zones").unwrap();
        assert_eq!(t.segments, [lit("/zones")]);
        assert_eq!(Template::parse("/<a>.<b>").unwrap().segments, [lit("/"), ph("a"), lit("."), ph("b")]);
    }

    #[test]
    fn reports_every_malformed_piece() {
        let errs = |s: &str| Template::parse(s).unwrap_err();
        assert_eq!(errs("/a/<id>/b/<id>"), ["placeholder `<id>` appears twice in the path template"]);
        assert!(errs("zones")[0].contains("must start with `/`"));
        assert!(errs("/a/<id")[0].contains("unclosed `<`"));
        assert!(errs("/a/<i<d>")[0].contains("unclosed `<`"));
        assert!(errs("/a/id>")[0].contains("unmatched `>`"));
        assert!(errs("/a/<>")[0].contains("empty placeholder"));
        assert!(errs("/a/<a-b>")[0].contains("invalid placeholder `<a-b>`"));
        assert!(errs("/a?b=1")[0].contains("`?` or `#`"));
        assert!(errs("/a b")[0].contains("whitespace"));
        assert_eq!(errs("x/<>/>").len(), 3);
        assert!(errs("/a/<rest..>/b")[0].contains("must be the last segment"));
        assert!(errs("/a<rest..>")[0].contains("after a `/`"));
    }

    #[test]
    fn a_rest_placeholder_ends_the_template() {
        let t = Template::parse("/ai/run/<model_name..>").unwrap();
        assert_eq!(t.segments, [lit("/ai/run/"), Segment::Rest("model_name".into())]);
        assert_eq!((t.placeholders().collect::<Vec<_>>(), t.rest()), (vec!["model_name"], Some("model_name")));
    }
}
