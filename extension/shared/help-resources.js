/**
 * Where a child, teen or parent can get help or report, per region. Every
 * entry comes from docs/reference/help-resources.md (sources are listed
 * there); what it marks unverified (❌) is not shipped: Awel has its number
 * but no web address, Helpwanted no phone number, and there is no CEOP
 * report-form address, only its education site. Descriptions are
 * translated: `help_<id>` in _locales.
 *
 * Re-check numbers and addresses on the organisations' own sites before
 * each release: the reference is a snapshot (newest pages: late 2025).
 *
 * @typedef {{ id: string, name: string, phone?: string, url?: string, free?: boolean, anonymous?: boolean }} HelpService
 */

/** @type {Record<string, HelpService[]>} region → services, most relevant first */
export const HELP = Object.freeze({
  be_nl: [
    { id: 'childfocus', name: 'Child Focus', phone: '116 000', url: 'https://childfocus.be/', free: true },
    { id: 'awel', name: 'Awel', phone: '102', free: true, anonymous: true },
    { id: '1712', name: '1712', phone: '1712', url: 'https://www.1712.be/', anonymous: true },
    { id: 'nupraatikerover', name: 'Nu praat ik erover', url: 'https://www.nupraatikerover.be/', free: true, anonymous: true },
    { id: 'payboy', name: 'Payboy', url: 'https://payboy.be/' },
  ],
  be_fr: [
    { id: 'childfocus', name: 'Child Focus', phone: '116 000', url: 'https://childfocus.be/', free: true },
    { id: 'ecouteenfants', name: 'Écoute-Enfants', phone: '103', free: true, anonymous: true },
    { id: 'payboy', name: 'Payboy', url: 'https://payboy.be/' },
  ],
  nl: [
    { id: 'kindertelefoon', name: 'De Kindertelefoon', phone: '0800-0432', url: 'https://www.kindertelefoon.nl/', free: true, anonymous: true },
    { id: 'helpwanted', name: 'Helpwanted', url: 'https://www.helpwanted.nl/', anonymous: true },
    { id: 'meldpunt', name: 'Meldpunt Kinderporno', url: 'https://meldpunt-kinderporno.nl/' },
  ],
  fr: [
    { id: '3018', name: '3018', phone: '3018', url: 'https://3018.fr/', free: true, anonymous: true },
    { id: '119', name: '119 – Allô Enfance en Danger', phone: '119', url: 'https://allo119.gouv.fr/', free: true },
    { id: 'pharos', name: 'PHAROS', url: 'https://www.internet-signalement.gouv.fr/' },
  ],
  uk: [
    { id: 'childline', name: 'Childline', phone: '0800 1111', url: 'https://www.childline.org.uk/', free: true },
    { id: 'ceop', name: 'CEOP', url: 'https://www.ceopeducation.co.uk/' },
    { id: 'iwf', name: 'Internet Watch Foundation', url: 'https://www.iwf.org.uk/report', anonymous: true },
  ],
  us: [
    { id: 'cybertipline', name: 'NCMEC CyberTipline', phone: '1-800-843-5678', url: 'https://report.cybertip.org/' },
    { id: 'takeitdown', name: 'Take It Down', url: 'https://takeitdown.ncmec.org/', free: true, anonymous: true },
  ],
  intl: [
    { id: 'inhope', name: 'INHOPE', url: 'https://inhope.org/' },
    { id: 'takeitdown', name: 'Take It Down', url: 'https://takeitdown.ncmec.org/', free: true, anonymous: true },
  ],
});

/** The services for a region (international when the region is unknown). */
export const helpFor = (region) => HELP[region] ?? HELP.intl;

/** `tel:` address of a phone number as written (`0800-0432` → `tel:08000432`). */
export const telUrl = (phone) => `tel:${phone.replace(/[^\d+]/g, '')}`;
