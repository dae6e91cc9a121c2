import { expect } from '@open-wc/testing';
import { render } from 'lit';
import {
  formatCoordinates,
  formatDate,
  formatDay,
  formatFileSize,
  formatNumber,
  formatTime,
  isolate,
  linkifiedText,
  safeHttpUrl,
} from '../../src/elements/shared/format.js';

/** Local times, so "today" and "this week" mean what they mean on the agent's clock. */
const at = (day: number, hour: number, minute: number) => new Date(2026, 10, day, hour, minute).getTime();
const NOW = at(20, 16, 30); // Friday 20 November 2026, 16:30

describe('formatTime', () => {
  it('shows only the time for a moment earlier today', () => {
    expect(formatTime(at(20, 14, 5), NOW, 'en-GB')).to.equal('14:05');
    expect(formatTime(at(20, 0, 1), NOW, 'en-GB')).to.equal('00:01');
  });

  it('shows the weekday and time within the last six days', () => {
    expect(formatTime(at(19, 9, 30), NOW, 'en-GB')).to.equal('Thu 09:30');
    expect(formatTime(at(15, 17, 0), NOW, 'en-GB')).to.equal('Sun 17:00');
  });

  it('shows a short date for anything older', () => {
    expect(formatTime(at(3, 11, 0), NOW, 'en-GB')).to.equal('3 Nov 2026');
    expect(formatTime(new Date(2025, 0, 31, 8, 0).getTime(), NOW, 'en-GB')).to.equal('31 Jan 2025');
  });

  it('follows the locale it is given', () => {
    expect(formatTime(at(20, 14, 5), NOW, 'de-DE')).to.equal('14:05');
    expect(formatTime(at(3, 11, 0), NOW, 'de-DE')).to.equal('3. Nov. 2026');
  });
});

describe('formatDate', () => {
  it('writes the whole date with its weekday, for the separators between conversations', () => {
    // ICU versions differ on the comma after an English weekday.
    expect(formatDate(at(20, 9, 0), 'en-GB')).to.match(/^Friday,? 20 November 2026$/);
    expect(formatDate(at(20, 9, 0), 'en-US')).to.equal('Friday, November 20, 2026');
  });
});

describe('formatFileSize', () => {
  it('counts bytes under a kilobyte, one decimal under ten kilobytes, whole kilobytes above, and megabytes with one decimal', () => {
    expect(formatFileSize(0, 'en')).to.equal('0 bytes');
    expect(formatFileSize(1, 'en')).to.equal('1 byte');
    expect(formatFileSize(1023, 'en')).to.equal('1,023 bytes');
    expect(formatFileSize(1024, 'en')).to.equal('1.0 kB');
    expect(formatFileSize(1536, 'en')).to.equal('1.5 kB');
    expect(formatFileSize(10 * 1024, 'en')).to.equal('10 kB');
    expect(formatFileSize(250_000, 'en')).to.equal('244 kB');
    expect(formatFileSize(1024 * 1024, 'en')).to.equal('1.0 MB');
    expect(formatFileSize(3.5 * 1024 * 1024, 'en')).to.equal('3.5 MB');
  });

  it('writes the decimal sign and the unit as the locale does', () => {
    expect(formatFileSize(1536, 'de')).to.equal('1,5 kB');
    expect(formatFileSize(3.5 * 1024 * 1024, 'fr')).to.match(/^3,5\s(MB|Mo)$/);
    expect(formatFileSize(512, 'ja')).to.equal('512 バイト');
  });
});

describe('formatDay', () => {
  it('names today and yesterday in the locale’s words, a day of this week by its weekday, and older days in full', () => {
    expect(formatDay(at(20, 9, 0), NOW, 'en')).to.equal('today');
    expect(formatDay(at(19, 23, 0), NOW, 'en')).to.equal('yesterday');
    expect(formatDay(at(17, 9, 0), NOW, 'en')).to.equal('Tuesday');
    expect(formatDay(at(3, 9, 0), NOW, 'en-GB')).to.match(/^Tuesday,? 3 November 2026$/);
    expect(formatDay(at(19, 9, 0), NOW, 'de')).to.equal('gestern');
    expect(formatDay(at(19, 9, 0), NOW, 'ja')).to.equal('昨日');
    expect(formatDay(at(20, 9, 0), NOW, 'ar')).to.equal('اليوم');
    expect(formatDay(at(3, 9, 0), NOW, 'ja')).to.equal('2026年11月3日火曜日');
  });
});

describe('formatNumber and formatCoordinates', () => {
  it('group digits and place the decimal sign as the locale does', () => {
    expect(formatNumber(12345.5, 'en')).to.equal('12,345.5');
    expect(formatNumber(12345.5, 'de')).to.equal('12.345,5');
    expect(formatNumber(12345.5, 'fr')).to.match(/^12\s345,5$/);
  });

  it('keeps the two coordinates apart where the decimal sign is a comma', () => {
    expect(formatCoordinates(52.520008, 13.404954, 'en')).to.equal('52.52001, 13.40495');
    expect(formatCoordinates(52.520008, 13.404954, 'de')).to.equal('52,52001; 13,40495');
    expect(formatCoordinates(-0.1571, 51.5226, 'en')).to.equal('-0.15710, 51.52260');
  });
});

describe('safeHttpUrl', () => {
  it('keeps http and https addresses, normalised', () => {
    expect(safeHttpUrl('https://track.example.com/RM123456785GB')).to.equal('https://track.example.com/RM123456785GB');
    expect(safeHttpUrl('HTTP://Example.com')).to.equal('http://example.com/');
  });

  it('refuses every other scheme and anything that is not an address', () => {
    for (const candidate of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'blob:https://example.com/1',
      'ftp://example.com/file',
      'mailto:a@example.com',
      'not a url',
      '',
    ])
      expect(safeHttpUrl(candidate), candidate).to.be.undefined;
  });
});

describe('isolate', () => {
  it('wraps a name in first-strong isolation marks, so a right-to-left override cannot leak out', () => {
    expect(isolate('ليلى حداد')).to.equal('\u2068ليلى حداد\u2069');
    expect(isolate('\u202Egnp.exe')).to.equal('\u2068\u202Egnp.exe\u2069');
  });
});

describe('linkifiedText', () => {
  const shown = (text: string) => {
    const host = document.createElement('p');
    render(linkifiedText(text), host);
    return host;
  };

  it('turns http(s) addresses into links that open safely in a new tab, without the punctuation after them', () => {
    const host = shown('Track it here: https://track.example.com/RM123456785GB. Thanks!');
    const links = host.querySelectorAll('a');
    expect(links).to.have.length(1);
    expect(links[0]!.getAttribute('href')).to.equal('https://track.example.com/RM123456785GB');
    expect(links[0]!.textContent).to.equal('https://track.example.com/RM123456785GB');
    expect(links[0]!.target).to.equal('_blank');
    expect(links[0]!.rel).to.equal('noopener noreferrer');
    expect(host.textContent).to.equal('Track it here: https://track.example.com/RM123456785GB. Thanks!');
  });

  it('keeps markup and other schemes as text', () => {
    const host = shown('<script>alert("hi")</script> javascript:alert(1) <b>bold</b>');
    expect(host.querySelector('a, script, b')).to.be.null;
    expect(host.textContent).to.equal('<script>alert("hi")</script> javascript:alert(1) <b>bold</b>');
  });

  it('links several addresses in one message and leaves the words between them', () => {
    const host = shown('http://a.example/x and https://b.example/y');
    expect([...host.querySelectorAll('a')].map((a) => a.href)).to.deep.equal([
      'http://a.example/x',
      'https://b.example/y',
    ]);
    expect(host.textContent).to.equal('http://a.example/x and https://b.example/y');
  });
});
