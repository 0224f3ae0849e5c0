//! Sending e-mail: over SMTP (lettre) when an SMTP URL is configured,
//! otherwise as `.eml` files in a folder, so a newcomer needs no mail server.

use std::path::PathBuf;

use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => f.write_str("Mailer::Smtp"),
            Mailer::Folder(_, dir) => write!(f, "Mailer::Folder({})", dir.display()),
        }
    }
}

/// One message to send.
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

impl Mailer {
    /// SMTP when `smtp_url` is given (`smtp://host:port`, `smtps://user:pass@host`),
    /// else a folder of `.eml` files (created if missing).
    pub fn new(smtp_url: Option<&str>, mail_dir: PathBuf) -> anyhow::Result<Self> {
        match smtp_url {
            Some(url) => Ok(Mailer::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build(),
            )),
            None => {
                std::fs::create_dir_all(&mail_dir)?;
                Ok(Mailer::Folder(AsyncFileTransport::new(&mail_dir), mail_dir))
            }
        }
    }

    /// Sends one plain-text message. The error is a sentence for the outbox log.
    pub async fn send(&self, from: &str, message: Outgoing<'_>) -> Result<(), String> {
        self.send_with_unsubscribe(from, message, None).await
    }

    /// Sends a message; with `unsubscribe` (an https link) it carries the
    /// one-click unsubscribe headers of RFC 8058 (`List-Unsubscribe` and
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`), as every
    /// marketing message must.
    pub async fn send_with_unsubscribe(
        &self,
        from: &str,
        message: Outgoing<'_>,
        unsubscribe: Option<&str>,
    ) -> Result<(), String> {
        use lettre::message::header::{HeaderName, HeaderValue};
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("bad sender address: {e}"))?;
        let to: Mailbox = message
            .to
            .parse()
            .map_err(|e| format!("bad recipient address: {e}"))?;
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(message.subject)
            .header(ContentType::TEXT_PLAIN);
        if let Some(link) = unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{link}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        let email = builder
            .body(message.body.to_owned())
            .map_err(|e| format!("cannot build the message: {e}"))?;
        match self {
            Mailer::Smtp(transport) => transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| format!("SMTP: {e}")),
            Mailer::Folder(transport, _) => transport
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| format!("mail folder: {e}")),
        }
    }
}
