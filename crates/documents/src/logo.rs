//! A seller's logo on the PDF: a PNG or JPEG image, checked when uploaded
//! and embedded as an image XObject (JPEG as is, PNG decoded and deflated,
//! with its alpha channel as a soft mask).

use pdf_writer::{Filter, Finish, Pdf, Ref};

use crate::DocumentError;

/// The largest logo accepted, in bytes.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;
/// The largest side in pixels (a logo, not a photo).
const MAX_SIDE: u32 = 4000;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pixels {
    /// JPEG bytes, embedded unchanged, with 1, 3 or 4 components.
    Jpeg { components: u8 },
    /// Decoded 8-bit RGB and, when the PNG has transparency, an alpha plane.
    Rgb {
        rgb: Vec<u8>,
        alpha: Option<Vec<u8>>,
    },
}

/// A checked logo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub width: u32,
    pub height: u32,
    /// `image/png` or `image/jpeg`.
    pub media_type: &'static str,
    bytes: Vec<u8>,
    pixels: Pixels,
}

fn invalid(message: impl Into<String>) -> DocumentError {
    DocumentError::field("logo", message)
}

impl Logo {
    /// Reads a PNG or JPEG file; refuses anything else, files over
    /// [`MAX_LOGO_BYTES`] and images larger than 4000 pixels a side.
    pub fn parse(bytes: &[u8]) -> Result<Self, DocumentError> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(invalid(format!(
                "the logo is {} KiB; the limit is {} KiB",
                bytes.len() / 1024,
                MAX_LOGO_BYTES / 1024
            )));
        }
        let logo = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Self::png(bytes)?
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            Self::jpeg(bytes)?
        } else {
            return Err(invalid("the logo must be a PNG or JPEG image"));
        };
        if logo.width == 0 || logo.height == 0 || logo.width > MAX_SIDE || logo.height > MAX_SIDE {
            return Err(invalid(format!(
                "the logo is {}×{} pixels; use at most {MAX_SIDE} a side",
                logo.width, logo.height
            )));
        }
        Ok(logo)
    }

    /// The file as uploaded.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    fn png(bytes: &[u8]) -> Result<Self, DocumentError> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder
            .read_info()
            .map_err(|e| invalid(format!("unreadable PNG: {e}")))?;
        let (width, height) = (reader.info().width, reader.info().height);
        if width > MAX_SIDE || height > MAX_SIDE {
            return Err(invalid(format!(
                "the logo is {width}×{height} pixels; use at most {MAX_SIDE} a side"
            )));
        }
        let mut buf = vec![0; reader.output_buffer_size()];
        let frame = reader
            .next_frame(&mut buf)
            .map_err(|e| invalid(format!("unreadable PNG: {e}")))?;
        let data = &buf[..frame.buffer_size()];
        let (rgb, alpha): (Vec<u8>, Option<Vec<u8>>) = match frame.color_type {
            png::ColorType::Rgb => (data.to_vec(), None),
            png::ColorType::Rgba => {
                let rgb = data
                    .chunks_exact(4)
                    .flat_map(|p| [p[0], p[1], p[2]])
                    .collect();
                let alpha = data.chunks_exact(4).map(|p| p[3]).collect();
                (rgb, Some(alpha))
            }
            png::ColorType::Grayscale => (data.iter().flat_map(|g| [*g, *g, *g]).collect(), None),
            png::ColorType::GrayscaleAlpha => {
                let rgb = data
                    .chunks_exact(2)
                    .flat_map(|p| [p[0], p[0], p[0]])
                    .collect();
                let alpha = data.chunks_exact(2).map(|p| p[1]).collect();
                (rgb, Some(alpha))
            }
            png::ColorType::Indexed => return Err(invalid("unsupported PNG colour type")),
        };
        Ok(Self {
            width,
            height,
            media_type: "image/png",
            bytes: bytes.to_vec(),
            pixels: Pixels::Rgb { rgb, alpha },
        })
    }

    /// Finds the frame header (SOF0–SOF15 except DHT, JPG and DAC) for the size.
    fn jpeg(bytes: &[u8]) -> Result<Self, DocumentError> {
        let mut i = 2;
        while i + 9 < bytes.len() {
            if bytes[i] != 0xFF {
                return Err(invalid("unreadable JPEG: bad marker"));
            }
            let marker = bytes[i + 1];
            let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
            if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                let height = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
                let width = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
                let components = bytes[i + 9];
                if !matches!(components, 1 | 3 | 4) {
                    return Err(invalid("unsupported JPEG colour components"));
                }
                return Ok(Self {
                    width,
                    height,
                    media_type: "image/jpeg",
                    bytes: bytes.to_vec(),
                    pixels: Pixels::Jpeg { components },
                });
            }
            i += 2 + len;
        }
        Err(invalid("unreadable JPEG: no frame header"))
    }

    /// Writes the image XObject at `image` (and its soft mask at `mask` when it has one).
    pub(crate) fn write(&self, pdf: &mut Pdf, image: Ref, mask: Ref) {
        let (w, h) = (
            i32::try_from(self.width).unwrap_or(1),
            i32::try_from(self.height).unwrap_or(1),
        );
        match &self.pixels {
            Pixels::Jpeg { components } => {
                let mut x = pdf.image_xobject(image, &self.bytes);
                x.filter(Filter::DctDecode);
                x.width(w);
                x.height(h);
                x.bits_per_component(8);
                match components {
                    1 => x.color_space().device_gray(),
                    4 => x.color_space().device_cmyk(),
                    _ => x.color_space().device_rgb(),
                };
                x.finish();
            }
            Pixels::Rgb { rgb, alpha } => {
                let data = miniz_oxide::deflate::compress_to_vec_zlib(rgb, 6);
                let mut x = pdf.image_xobject(image, &data);
                x.filter(Filter::FlateDecode);
                x.width(w);
                x.height(h);
                x.bits_per_component(8);
                x.color_space().device_rgb();
                if alpha.is_some() {
                    x.s_mask(mask);
                }
                x.finish();
                if let Some(alpha) = alpha {
                    let data = miniz_oxide::deflate::compress_to_vec_zlib(alpha, 6);
                    let mut m = pdf.image_xobject(mask, &data);
                    m.filter(Filter::FlateDecode);
                    m.width(w);
                    m.height(h);
                    m.bits_per_component(8);
                    m.color_space().device_gray();
                    m.finish();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_bytes(w: u32, h: u32, color: png::ColorType) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(color);
            enc.set_depth(png::BitDepth::Eight);
            let mut writer = enc.write_header().unwrap();
            let per = if color == png::ColorType::Rgba { 4 } else { 3 };
            writer
                .write_image_data(&vec![200u8; (w * h * per) as usize])
                .unwrap();
        }
        out
    }

    #[test]
    fn reads_png_sizes_and_refuses_other_files() {
        let logo = Logo::parse(&png_bytes(40, 20, png::ColorType::Rgba)).unwrap();
        assert_eq!(
            (logo.width, logo.height, logo.media_type),
            (40, 20, "image/png")
        );
        assert!(Logo::parse(b"GIF89a....").is_err());
        assert!(Logo::parse(&vec![0u8; MAX_LOGO_BYTES + 1]).is_err());
        assert!(Logo::parse(&[0xFF, 0xD8, 0xFF, 0xD9]).is_err());
    }

    #[test]
    fn reads_a_jpeg_frame_header() {
        // SOI, APP0 (length 16), SOF0 with 8-bit, 30 high, 50 wide, 3 components.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend_from_slice(&[0; 14]);
        jpeg.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 30, 0x00, 50, 0x03]);
        jpeg.extend_from_slice(&[0; 12]);
        let logo = Logo::parse(&jpeg).unwrap();
        assert_eq!(
            (logo.width, logo.height, logo.media_type),
            (50, 30, "image/jpeg")
        );
    }
}
