import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { identifiers as id } from '../../../lambdas/shared/domain/index.js';

describe('resident ID number (GB 11643)', () => {
  it('accepts the standard published example 11010519491231002X', () => {
    expect(id.idCardCheckCharacter('11010519491231002')).toBe('X');
    expect(id.isResidentIdNumber('11010519491231002X', '2026-11-28')).toBe(true);
  });

  it('accepts 29 February in a leap year and refuses it in other years', () => {
    const leap = '11010520000229001';
    expect(id.isResidentIdNumber(leap + id.idCardCheckCharacter(leap))).toBe(true);
    const common = '11010520010229001';
    expect(id.isResidentIdNumber(common + id.idCardCheckCharacter(common))).toBe(false);
    const century = '11010519000229001'; // 1900 is not a leap year
    expect(id.isResidentIdNumber(century + id.idCardCheckCharacter(century))).toBe(false);
  });

  it('refuses a wrong check character, an unknown region and a lower-case x before normalisation', () => {
    expect(id.isResidentIdNumber('110105194912310021')).toBe(false);
    expect(id.isResidentIdNumber('99010519491231002X')).toBe(false);
    expect(id.isResidentIdNumber('11010519491231002x')).toBe(false);
  });

  it('refuses a birth date after today', () => {
    const future = '11010520270101001';
    const number = future + id.idCardCheckCharacter(future);
    expect(id.isResidentIdNumber(number)).toBe(true);
    expect(id.isResidentIdNumber(number, '2026-11-28')).toBe(false);
  });
});

describe('Unified Social Credit Code (GB 32100) and organisation code (GB 11714)', () => {
  // Real companies' codes, checked here by computation rather than trusted from memory.
  it.each(['91110000600037341L', '91110108551385082Q', '91440300708461136T', '91640100MA77K3Q25L'])('accepts %s', (code) => {
    expect(id.usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
    expect(id.isOrganizationCode(code.slice(8, 17))).toBe(true);
    expect(id.isUscc(code)).toBe(true);
  });

  it('accepts a code whose weighted sum is ≡ 0 mod 31 (check character 0)', () => {
    const code = '916401001000002270';
    expect(id.usccCheckCharacter(code.slice(0, 17))).toBe('0');
    expect(id.isUscc(code)).toBe(true);
  });

  it('computes organisation-code check characters X and 0', () => {
    expect(id.organizationCodeCheckCharacter('10000018')).toBe('X');
    expect(id.organizationCodeCheckCharacter('10000004')).toBe('0');
  });

  it('refuses a wrong check character, a broken organisation code, forbidden letters and wrong length', () => {
    expect(id.isUscc('91110000600037341A')).toBe(false);
    // Body changed and final character recomputed: only the embedded organisation code check fails.
    const body = '91110000600037351';
    expect(id.isUscc(body + id.usccCheckCharacter(body))).toBe(false);
    expect(id.isUscc('9111000060003734IL')).toBe(false);
    expect(id.isUscc('91110000600037341')).toBe(false);
  });
});

describe('contact details', () => {
  it('normalises +86 and checks mainland mobiles', () => {
    expect(id.normaliseMobile('+8613995000001')).toBe('13995000001');
    expect(id.normaliseMobile('+86 13995000001')).toBe('13995000001');
    expect(id.isMainlandMobile('13995000001')).toBe(true);
    expect(id.isMainlandMobile('12995000001')).toBe(false);
    expect(id.isMainlandMobile('1399500000')).toBe(false);
  });

  it('checks email addresses', () => {
    expect(id.isEmailAddress('wangning@yunfan-travel.cn')).toBe(true);
    expect(id.isEmailAddress('a.b+c@xn--fiqs8s.xn--fiqs8s')).toBe(true);
    expect(id.isEmailAddress('service@云帆出行.中国')).toBe(true);
    for (const bad of ['plain', '@example.cn', 'a@b', 'a..b@example.cn', 'a@-x.cn', `${'a'.repeat(250)}@x.cn`]) {
      expect(id.isEmailAddress(bad)).toBe(false);
    }
  });
});

describe('domains', () => {
  it('converts IDN to punycode and refuses schemes, ports and paths', () => {
    expect(id.normaliseDomain('例子.中国')).toBe('xn--fsqu00a.xn--fiqs8s');
    expect(id.normaliseDomain('API.Yunfan-Travel.CN')).toBe('api.yunfan-travel.cn');
    for (const bad of ['https://a.cn', 'a.cn:443', 'a.cn/path', 'localhost', 'a..cn', '-a.cn', 'a.cn.']) {
      expect(id.normaliseDomain(bad)).toBeUndefined();
    }
  });

  it('counts levels and knows the approved TLDs', () => {
    expect(id.domainLevel('a.b.example.cn')).toBe(4);
    expect(id.domainLevel('x.a.b.example.cn')).toBe(5);
    expect(id.hasApprovedTld('xn--fsqu00a.xn--fiqs8s')).toBe(true);
    expect(id.hasApprovedTld('example.com')).toBe(true);
    expect(id.hasApprovedTld('example.io')).toBe(false);
  });
});

describe('public IP addresses', () => {
  it.each(['52.83.10.10', '161.189.5.5', '2400:da00::1'])('accepts %s', (ip) => expect(id.isPublicIp(ip)).toBe(true));
  it.each([
    '10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '224.0.0.1', '240.0.0.1',
    '255.255.255.255', '0.1.2.3', '192.0.2.1', '198.51.100.1', '203.0.113.9', '::1', 'fe80::1', 'fc00::1', 'ff02::1',
    '2001:db8::1', '::ffff:52.83.10.10', '52.83.10', 'not-an-ip',
  ])('refuses %s', (ip) => expect(id.isPublicIp(ip)).toBe(false));
});

describe('AWS identifiers', () => {
  it('reads the account of an aws-cn role ARN and refuses other partitions', () => {
    expect(id.roleArnAccount('arn:aws-cn:iam::111111111111:role/IcpRecordalAccess')).toBe('111111111111');
    expect(id.roleArnAccount('arn:aws-cn:iam::111111111111:role/path/to/Role')).toBe('111111111111');
    expect(id.roleArnAccount(['arn', 'aws', 'iam', '', '111111111111', 'role/X'].join(':'))).toBeUndefined();
    expect(id.roleArnAccount('arn:aws-cn:iam::111111111111:user/alice')).toBeUndefined();
  });

  it('checks security group ids of 8 and 17 hex digits', () => {
    expect(id.isSecurityGroupId('sg-0a1b2c3d4e5f60001')).toBe(true);
    expect(id.isSecurityGroupId('sg-0a1b2c3d')).toBe(true);
    expect(id.isSecurityGroupId('sg-0a1b2c3d4')).toBe(false);
    expect(id.isSecurityGroupId('sg-0A1B2C3D')).toBe(false);
  });
});

describe('APP signing', () => {
  it('normalises digests and parses DER public keys in hex or base64', () => {
    expect(id.normaliseDigest('4F:3C:AA')).toBe('4f3caa');
    const der = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'der' });
    expect(id.isDerPublicKey(der.toString('hex'))).toBe(true);
    expect(id.isDerPublicKey(der.toString('base64'))).toBe(true);
    expect(id.isDerPublicKey('30820122300d06092a')).toBe(false);
    expect(id.isDerPublicKey('not a key')).toBe(false);
  });

  it('checks package names and bundle ids', () => {
    expect(id.isJavaPackageName('cn.yunfan.travel_app')).toBe(true);
    expect(id.isJavaPackageName('travel')).toBe(false);
    expect(id.isJavaPackageName('cn.1yunfan')).toBe(false);
    expect(id.isBundleId('cn.yunfan-travel.ios')).toBe(true);
    expect(id.isBundleId('cn_yunfan.travel')).toBe(false);
  });
});

describe('dates', () => {
  it('knows real dates and adds months clamping to the month end', () => {
    expect(id.isRealDate('2028-02-29')).toBe(true);
    expect(id.isRealDate('2026-02-29')).toBe(false);
    expect(id.addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(id.addMonths('2026-11-28', 3)).toBe('2027-02-28');
  });
});

describe('check characters (properties)', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

  it('a resident ID with its computed check character passes; any other check character fails', () => {
    fc.assert(
      fc.property(digits(3), fc.integer({ min: 0, max: 20000 }), fc.constantFrom(...'0123456789X'), (seq, days, other) => {
        const birth = new Date(Date.UTC(1960, 0, 1) + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
        const body = `640106${birth}${seq}`;
        const check = id.idCardCheckCharacter(body);
        expect(id.isResidentIdNumber(body + check, '2026-11-28')).toBe(true);
        if (other !== check) expect(id.isResidentIdNumber(body + other)).toBe(false);
      }),
    );
  });

  it('a USCC with computed organisation-code and final check characters passes; a changed final character fails', () => {
    const usccChar = fc.constantFrom(...id.USCC_ALPHABET.split('').filter((c) => /[0-9A-HJ-NPQRTUWY]/.test(c)));
    fc.assert(
      fc.property(fc.array(usccChar, { minLength: 8, maxLength: 8 }), fc.constantFrom(...id.USCC_ALPHABET), (orgBody, other) => {
        const org = orgBody.join('') + id.organizationCodeCheckCharacter(orgBody.join(''));
        const first17 = `91640100${org}`;
        const check = id.usccCheckCharacter(first17);
        expect(id.isUscc(first17 + check)).toBe(true);
        if (other !== check) expect(id.isUscc(first17 + other)).toBe(false);
      }),
    );
  });
});
