//! `flarekit perms`: the least-privilege token permissions for a set of commands.

use flarekit::EndpointInfo;

use super::names::Commands;
use super::Failure;

/// The endpoints that `words` name: commands separated by `--` or simply one after the other
/// (a command ends at its endpoint's name); a group stands for every command under it.
pub fn endpoints(commands: &Commands, words: &[String]) -> Result<Vec<&'static EndpointInfo>, Failure> {
    let mut out = Vec::new();
    for chunk in words.split(|w| w == "--").filter(|c| !c.is_empty()) {
        let mut i = 0;
        while i < chunk.len() {
            let mut j = i;
            // Extend while the words still name a group or a command.
            while j < chunk.len() && commands.under(&chunk[i..=j]).next().is_some() {
                j += 1;
                if commands.find(&chunk[i..j]).is_some() {
                    break;
                }
            }
            if j == i {
                let known: Vec<&str> = {
                    let mut next: Vec<&str> =
                        commands.leaves.iter().filter_map(|l| l.words.first()).map(String::as_str).collect();
                    next.dedup();
                    next
                };
                return Err(Failure::Usage(format!(
                    "`{}` is not a command{}",
                    chunk[i],
                    if i == 0 { format!(" (commands start with: {})", known.join(", ")) } else { String::new() }
                )));
            }
            out.extend(commands.under(&chunk[i..j]).map(|l| l.info));
            i = j;
        }
    }
    if out.is_empty() {
        return Err(Failure::Usage("name at least one command".to_owned()));
    }
    Ok(out)
}

/// The least-privilege permissions for the commands `words` name, sorted.
pub fn least_privilege(commands: &Commands, words: &[String]) -> Result<Vec<&'static str>, Failure> {
    Ok(flarekit::catalog::least_privilege(endpoints(commands, words)?))
}
