//! A zone's records as a BIND zone file: exported as one, and imported from one (each record
//! added that a create would take).

use flarekit::{EndpointInfo, Method};
use serde_json::{json, Map, Value};

use super::{Zone, PROXIABLE, TYPES};
use crate::envelope::{success, Answer, Failure};
use crate::multipart;
use crate::store::Store;

/// Export and import of a zone's records as a BIND zone file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZoneFile {
    Export,
    Import,
}

/// The zone-file operation `endpoint` declares, if it is one.
pub(crate) fn zone_file(endpoint: &EndpointInfo) -> Option<ZoneFile> {
    match (endpoint.method, endpoint.path.as_str()) {
        (Method::Get, "/zones/<zone_id>/dns_records/export") => Some(ZoneFile::Export),
        (Method::Post, "/zones/<zone_id>/dns_records/import") => Some(ZoneFile::Import),
        _ => None,
    }
}

/// Exports the zone's records as a BIND zone file (`text/plain`), or imports one: a form with
/// a `file` part and an optional `proxied` part. An import adds each record that Cloudflare
/// would take (the same checks as a create) and reports how many it read and added.
pub(crate) fn run_zone_file(
    store: &mut Store,
    op: ZoneFile,
    zone_id: &str,
    content_type: &str,
    body: &[u8],
) -> Result<Answer, Failure> {
    let zone = Zone::of(store, zone_id)?;
    match op {
        ZoneFile::Export => {
            let table = store.records.get(&zone.id.to_ascii_lowercase()).cloned().unwrap_or_default();
            let mut text = format!(";; {} exported by flarekit-fake\n$ORIGIN {}.\n", zone.name, zone.name);
            for row in &table.rows {
                text.push_str(&bind_line(&row.record));
            }
            Ok(Answer::Bytes {
                headers: vec![("content-type", "text/plain; charset=utf-8".into())],
                body: text.into_bytes(),
            })
        }
        ZoneFile::Import => {
            let parts = multipart::request_parts(content_type, body, "a zone file")?;
            let file = multipart::named(&parts, "file")?;
            let proxied = parts.iter().find(|p| p.name == "proxied").is_some_and(|p| p.body == b"true");
            let text = String::from_utf8_lossy(&file.body);
            let parsed = parse_bind(&text, &zone.name);
            let (mut added, now) = (0, store.clock.now());
            for mut sent in parsed.iter().cloned() {
                if proxied && PROXIABLE.contains(&sent.get("type").and_then(Value::as_str).unwrap_or_default()) {
                    sent.insert("proxied".into(), json!(true));
                }
                let seq = store.next_seq();
                let table = store.records.entry(zone.id.to_ascii_lowercase()).or_default();
                if zone.create(table, &sent, seq, &now).is_ok() {
                    added += 1;
                }
            }
            let result = json!({"recs_added": added, "total_records_parsed": parsed.len()});
            Ok(Answer::Json(200, success(result, None)))
        }
    }
}

/// One record as a zone-file line: name, TTL, class, type and data; names fully qualified.
fn bind_line(record: &Map<String, Value>) -> String {
    let text = |k: &str| record.get(k).and_then(Value::as_str).unwrap_or_default();
    let kind = text("type");
    let dotted = |name: &str| if name.ends_with('.') { name.to_owned() } else { format!("{name}.") };
    let data = match kind {
        "CNAME" | "NS" | "PTR" => dotted(text("content")),
        "MX" => format!("{} {}", record.get("priority").unwrap_or(&json!(0)), dotted(text("content"))),
        _ => text("content").to_owned(),
    };
    let ttl = record.get("ttl").and_then(Value::as_u64).unwrap_or(1);
    format!("{}\t{ttl}\tIN\t{kind}\t{data}\n", dotted(text("name")))
}

/// `line` up to its comment: the first `;` outside quotes (a DKIM key's `;`s stay).
fn without_comment(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => return &line[..i],
            _ => {}
        }
    }
    line
}

/// The records of a zone file, as the members a create would send. `$ORIGIN` and `$TTL` are
/// followed; comments, blank lines and lines of other classes are skipped; a line that names
/// no record type is skipped too (it is not counted).
fn parse_bind(text: &str, zone: &str) -> Vec<Map<String, Value>> {
    let (mut origin, mut default_ttl) = (zone.to_owned(), 1u64);
    let mut records = Vec::new();
    for line in text.lines() {
        let line = without_comment(line).trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [] => {}
            ["$ORIGIN", o, ..] => origin = o.trim_end_matches('.').to_owned(),
            ["$TTL", t, ..] => default_ttl = t.parse().unwrap_or(default_ttl),
            [name, rest @ ..] => {
                let absolute = |n: &str| match n {
                    "@" => origin.clone(),
                    n if n.ends_with('.') => n.trim_end_matches('.').to_owned(),
                    n => format!("{n}.{origin}"),
                };
                let mut rest = rest;
                let mut ttl = default_ttl;
                if let Some(t) = rest.first().and_then(|t| t.parse::<u64>().ok()) {
                    (ttl, rest) = (t, &rest[1..]);
                }
                if rest.first().is_some_and(|c| c.eq_ignore_ascii_case("IN")) {
                    rest = &rest[1..];
                }
                let Some((kind, data)) = rest.split_first() else { continue };
                let kind = kind.to_ascii_uppercase();
                if !TYPES.contains(&kind.as_str()) {
                    continue;
                }
                let mut record = Map::new();
                record.insert("type".into(), json!(kind));
                record.insert("name".into(), json!(absolute(name)));
                record.insert("ttl".into(), json!(ttl));
                match (kind.as_str(), data) {
                    ("MX", [priority, host, ..]) => {
                        record.insert("priority".into(), json!(priority.parse::<u64>().unwrap_or(0)));
                        record.insert("content".into(), json!(host.trim_end_matches('.')));
                    }
                    ("CNAME" | "NS" | "PTR", [host, ..]) => {
                        record.insert("content".into(), json!(host.trim_end_matches('.')));
                    }
                    _ => {
                        record.insert("content".into(), json!(data.join(" ")));
                    }
                }
                records.push(record);
            }
        }
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_files_are_read_as_bind_writes_them() {
        let text = "$ORIGIN example.com.\n$TTL 300\n@ IN A 198.51.100.7 ; the apex\n\
                    www 60 IN CNAME example.com.\nexample.com. MX 10 mail.example.net.\n\
                    txt IN TXT \"v=spf1 -all\"\nodd IN HINFO x y\n\n\
                    k._domainkey IN TXT \"v=DKIM1; k=rsa; p=MIGf\" ; a key\n";
        let records = parse_bind(text, "example.com");
        let short: Vec<String> = records.iter().map(|r| Value::Object(r.clone()).to_string()).collect();
        assert_eq!(
            short,
            [
                r#"{"content":"198.51.100.7","name":"example.com","ttl":300,"type":"A"}"#,
                r#"{"content":"example.com","name":"www.example.com","ttl":60,"type":"CNAME"}"#,
                r#"{"content":"mail.example.net","name":"example.com","priority":10,"ttl":300,"type":"MX"}"#,
                r#"{"content":"\"v=spf1 -all\"","name":"txt.example.com","ttl":300,"type":"TXT"}"#,
                r#"{"content":"\"v=DKIM1; k=rsa; p=MIGf\"","name":"k._domainkey.example.com","ttl":300,"type":"TXT"}"#,
            ]
        );
        let line = bind_line(&records[2]);
        assert_eq!(line, "example.com.\t300\tIN\tMX\t10 mail.example.net.\n");
    }
}
