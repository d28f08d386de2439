/**
 * A password-protected workbook as Excel saves one (ECMA-376 agile
 * encryption, [MS-OFFCRYPTO] §2.3.4.10): the .xlsx package encrypted with
 * AES-256-CBC under a key derived from the password with SHA-512 and 100 000
 * rounds, stored as the streams EncryptionInfo and EncryptedPackage of an
 * OLE compound file ([MS-CFB]). Written for the bad-input corpus, which must
 * hold a real encrypted file without a binary nobody can regenerate.
 * `decryptPackage` reverses it, so the generator checks its own output.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

const SPIN_COUNT = 100_000;
const SEGMENT = 4096;
const BLOCK_VERIFIER_INPUT = Buffer.from([0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79]);
const BLOCK_VERIFIER_VALUE = Buffer.from([0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e]);
const BLOCK_KEY_VALUE = Buffer.from([0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6]);
const BLOCK_HMAC_KEY = Buffer.from([0x5f, 0xb2, 0xad, 0x01, 0x0c, 0xb9, 0xe1, 0xf6]);
const BLOCK_HMAC_VALUE = Buffer.from([0xa0, 0x67, 0x7f, 0x02, 0xb2, 0x2c, 0x84, 0x33]);

const sha512 = (...parts: Buffer[]) => createHash('sha512').update(Buffer.concat(parts)).digest();
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

function passwordHash(password: string, salt: Buffer): Buffer {
  let h = sha512(salt, Buffer.from(password, 'utf16le'));
  for (let i = 0; i < SPIN_COUNT; i++) h = sha512(u32(i), h);
  return h;
}

function keyFor(hash: Buffer, block: Buffer): Buffer {
  return sha512(hash, block).subarray(0, 32);
}

function padTo16(b: Buffer): Buffer {
  const n = Math.ceil(b.length / 16) * 16;
  return b.length === n ? b : Buffer.concat([b, Buffer.alloc(n - b.length)]);
}

function aes(key: Buffer, iv: Buffer, data: Buffer, decrypt = false): Buffer {
  const c = decrypt ? createDecipheriv('aes-256-cbc', key, iv) : createCipheriv('aes-256-cbc', key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

function segmentIv(keySalt: Buffer, index: number): Buffer {
  return sha512(keySalt, u32(index)).subarray(0, 16);
}

function encryptSegments(secret: Buffer, keySalt: Buffer, plain: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.alloc(8)];
  parts[0]!.writeBigUInt64LE(BigInt(plain.length));
  for (let i = 0, s = 0; s < plain.length; i++, s += SEGMENT)
    parts.push(aes(secret, segmentIv(keySalt, i), padTo16(plain.subarray(s, s + SEGMENT))));
  return Buffer.concat(parts);
}

function encryptionInfo(fields: Record<string, string>): Buffer {
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" ' +
    'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${fields.keySalt}"/>` +
    `<dataIntegrity encryptedHmacKey="${fields.hmacKey}" encryptedHmacValue="${fields.hmacValue}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="${SPIN_COUNT}" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${fields.passwordSalt}" ` +
    `encryptedVerifierHashInput="${fields.verifierInput}" encryptedVerifierHashValue="${fields.verifierValue}" encryptedKeyValue="${fields.keyValue}"/>` +
    '</keyEncryptor></keyEncryptors></encryption>';
  const head = Buffer.alloc(8);
  head.writeUInt16LE(4, 0);
  head.writeUInt16LE(4, 2);
  head.writeUInt32LE(0x40, 4);
  return Buffer.concat([head, Buffer.from(xml, 'utf8')]);
}

/** Encrypts an .xlsx package with a password and wraps it in an OLE compound file. */
export function encryptedPackage(xlsx: Uint8Array, password: string): Uint8Array {
  const plain = Buffer.from(xlsx);
  const secret = randomBytes(32);
  const keySalt = randomBytes(16);
  const passwordSalt = randomBytes(16);
  const hash = passwordHash(password, passwordSalt);
  const verifier = randomBytes(16);
  const pkg = encryptSegments(secret, keySalt, plain);
  const hmacKey = randomBytes(64);
  const hmacValue = createHmac('sha512', hmacKey).update(pkg).digest();
  const b64 = (b: Buffer) => b.toString('base64');
  const info = encryptionInfo({
    keySalt: b64(keySalt),
    passwordSalt: b64(passwordSalt),
    verifierInput: b64(aes(keyFor(hash, BLOCK_VERIFIER_INPUT), passwordSalt, verifier)),
    verifierValue: b64(aes(keyFor(hash, BLOCK_VERIFIER_VALUE), passwordSalt, sha512(verifier))),
    keyValue: b64(aes(keyFor(hash, BLOCK_KEY_VALUE), passwordSalt, secret)),
    hmacKey: b64(aes(secret, sha512(keySalt, BLOCK_HMAC_KEY).subarray(0, 16), hmacKey)),
    hmacValue: b64(aes(secret, sha512(keySalt, BLOCK_HMAC_VALUE).subarray(0, 16), hmacValue)),
  });
  return compoundFile([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: pkg },
  ]);
}

/** The package inside `encryptedPackage`'s output, given the password (the generator's self-check). */
export function decryptPackage(file: Uint8Array, password: string): Buffer {
  const streams = readCompoundFile(Buffer.from(file));
  const info = streams.get('EncryptionInfo')!.subarray(8).toString('utf8');
  const attr = (el: string, name: string) => new RegExp(`<${el}[^>]* ${name}="([^"]*)"`).exec(info)![1]!;
  const keySalt = Buffer.from(attr('keyData', 'saltValue'), 'base64');
  const passwordSalt = Buffer.from(attr('p:encryptedKey', 'saltValue'), 'base64');
  const hash = passwordHash(password, passwordSalt);
  const secret = aes(
    keyFor(hash, BLOCK_KEY_VALUE),
    passwordSalt,
    Buffer.from(attr('p:encryptedKey', 'encryptedKeyValue'), 'base64'),
    true,
  );
  const pkg = streams.get('EncryptedPackage')!;
  const size = Number(pkg.readBigUInt64LE(0));
  const out: Buffer[] = [];
  for (let i = 0, s = 8; s < pkg.length; i++, s += SEGMENT)
    out.push(aes(secret, segmentIv(keySalt, i), pkg.subarray(s, s + SEGMENT), true));
  return Buffer.concat(out).subarray(0, size);
}

// ---- [MS-CFB] version 3: 512-byte sectors, one FAT sector, no mini stream.

const SECTOR = 512;
const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;
/** Streams below this size belong in the mini stream; padding them to it keeps the writer small. */
const MINI_CUTOFF = 4096;

interface Stream {
  name: string;
  data: Buffer;
}

function directoryEntry(
  name: string,
  type: number,
  child: number,
  left: number,
  right: number,
  start: number,
  size: number,
): Buffer {
  const e = Buffer.alloc(128);
  const n = Buffer.from(`${name}\0`, 'utf16le');
  n.copy(e, 0);
  e.writeUInt16LE(n.length, 64);
  e.writeUInt8(type, 66);
  e.writeUInt8(1, 67); // black
  e.writeUInt32LE(left, 68);
  e.writeUInt32LE(right, 72);
  e.writeUInt32LE(child, 76);
  e.writeUInt32LE(start, 116);
  e.writeUInt32LE(size, 120);
  return e;
}

function compoundFile(input: Stream[]): Uint8Array {
  // Streams under the cutoff are padded to it (the EncryptionInfo XML may end in whitespace).
  const streams = input.map((s) =>
    s.data.length >= MINI_CUTOFF
      ? s
      : { name: s.name, data: Buffer.concat([s.data, Buffer.alloc(MINI_CUTOFF - s.data.length, 0x20)]) },
  );
  const sectorsOf = (n: number) => Math.ceil(n / SECTOR);
  const fat: number[] = [FATSECT, ENDOFCHAIN]; // sector 0: the FAT, sector 1: the directory
  const starts: number[] = [];
  for (const s of streams) {
    const start = fat.length;
    starts.push(start);
    const n = sectorsOf(s.data.length);
    for (let i = 0; i < n; i++) fat.push(i === n - 1 ? ENDOFCHAIN : start + i + 1);
  }
  if (fat.length > SECTOR / 4) throw new Error('compoundFile: more than one FAT sector needed');
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(MINI_CUTOFF, 56);
  header.writeUInt32LE(ENDOFCHAIN, 60); // no mini FAT
  header.writeUInt32LE(ENDOFCHAIN, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 64);
  header.writeUInt32LE(0, 72);
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 76 + i * 4);
  const fatSector = Buffer.alloc(SECTOR, 0xff);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v, i * 4));
  // Directory tree: the root's child is the longer name; the shorter one is its left sibling
  // (entries compare by name length first).
  const dir = Buffer.concat([
    directoryEntry('Root Entry', 5, 2, NOSTREAM, NOSTREAM, ENDOFCHAIN, 0),
    directoryEntry(streams[0]!.name, 2, NOSTREAM, NOSTREAM, NOSTREAM, starts[0]!, streams[0]!.data.length),
    directoryEntry(streams[1]!.name, 2, NOSTREAM, 1, NOSTREAM, starts[1]!, streams[1]!.data.length),
    Buffer.alloc(128),
  ]);
  dir.writeUInt32LE(NOSTREAM, 3 * 128 + 68);
  dir.writeUInt32LE(NOSTREAM, 3 * 128 + 72);
  dir.writeUInt32LE(NOSTREAM, 3 * 128 + 76);
  const body = streams.map((s) =>
    Buffer.concat([s.data, Buffer.alloc(sectorsOf(s.data.length) * SECTOR - s.data.length)]),
  );
  return new Uint8Array(Buffer.concat([header, fatSector, dir, ...body]));
}

function readCompoundFile(b: Buffer): Map<string, Buffer> {
  const fat: number[] = [];
  const fatSector = b.readUInt32LE(76);
  for (let i = 0; i < SECTOR / 4; i++) fat.push(b.readUInt32LE(SECTOR + fatSector * SECTOR + i * 4));
  const sector = (n: number) => b.subarray(SECTOR + n * SECTOR, SECTOR + (n + 1) * SECTOR);
  const chain = (start: number, size: number) => {
    const parts: Buffer[] = [];
    for (let s = start; s !== ENDOFCHAIN && s < FATSECT; s = fat[s]!) parts.push(sector(s));
    return Buffer.concat(parts).subarray(0, size);
  };
  const dir = chain(b.readUInt32LE(48), SECTOR);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < 4; i++) {
    const e = dir.subarray(i * 128, (i + 1) * 128);
    if (e.readUInt8(66) !== 2) continue;
    const name = e.subarray(0, e.readUInt16LE(64) - 2).toString('utf16le');
    out.set(name, chain(e.readUInt32LE(116), e.readUInt32LE(120)));
  }
  return out;
}
