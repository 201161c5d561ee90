//! What sex-spam bots say, in the languages Schild's users and their bots
//! write: lure phrases grouped by what they do (invite, point to a profile,
//! advertise dating or leaked content…).
//!
//! The lexicon is *knowledge*, not the classifier: each match becomes a
//! feature "a phrase of category C in the name/text", whose weight the model
//! learns from real data. Categories carry across languages, so a Spanish
//! invitation counts like the English ones the training data is full of.
//!
//! Phrases are written as people write them; they are folded with the same
//! [`crate::normalize::fold`] as comments, and both sides have repeated
//! letters squeezed (`hiii` = `hi`), so one entry covers its disguises.
//! Masked words (`f*ck`) match any letter where the mask is.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::normalize::{self, DISGUISE_MASK, Folded};

/// What a lure phrase does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Sexual words that mean adult content on their own.
    Explicit,
    /// Invites the reader in the bots' ways: tap or touch me, come over,
    /// "I'm lonely", "don't tap me".
    Invitation,
    /// Asks the reader to get in touch: write, call, add, chat, visit a
    /// channel. Ordinary people say this too; it weighs less.
    Contact,
    /// Points to the bot's profile, name, picture, channel, story or bio,
    /// where the lure is.
    ProfilePointer,
    /// Dating, hook-up, cam and escort offers.
    Dating,
    /// "Leaked" or private sexual photos and videos.
    Leaked,
    /// Adverts for sexual material involving children.
    Minor,
    /// Words that suggest without being explicit (hot, baby, lonely).
    Suggestive,
    /// A bare greeting or exclamation, the bait replies bots post under
    /// their names ("Hii guys").
    Greeting,
}

impl Category {
    /// Every category, in a fixed order (the model's feature order).
    pub const ALL: [Category; 9] = [
        Category::Explicit,
        Category::Invitation,
        Category::Contact,
        Category::ProfilePointer,
        Category::Dating,
        Category::Leaked,
        Category::Minor,
        Category::Suggestive,
        Category::Greeting,
    ];

    /// A stable lowercase name, used in feature names.
    pub fn name(self) -> &'static str {
        match self {
            Category::Explicit => "explicit",
            Category::Invitation => "invitation",
            Category::Contact => "contact",
            Category::ProfilePointer => "profile-pointer",
            Category::Dating => "dating",
            Category::Leaked => "leaked",
            Category::Minor => "minor",
            Category::Suggestive => "suggestive",
            Category::Greeting => "greeting",
        }
    }
}

use Category::*;

/// The lexicon: (category, phrase). Keep entries specific: a phrase that
/// ordinary people write often belongs in `Suggestive`, or nowhere.
const PHRASES: &[(Category, &str)] = &[
    // --- English -------------------------------------------------------
    (Explicit, "sex"),
    (Explicit, "sexx"),
    (Explicit, "porn"),
    (Explicit, "porno"),
    (Explicit, "nude"),
    (Explicit, "nudes"),
    (Explicit, "naked"),
    (Explicit, "horny"),
    (Explicit, "fuck me"),
    (Explicit, "fck me"),
    (Explicit, "fuck with me"),
    (Explicit, "fck with me"),
    (Explicit, "pussy"),
    (Explicit, "dick"),
    (Explicit, "cock"),
    (Explicit, "boobs"),
    (Explicit, "tits"),
    (Explicit, "blowjob"),
    (Explicit, "onlyfans"),
    (Explicit, "nsfw"),
    (Explicit, "xxx"),
    (Explicit, "sexy girls"),
    (Explicit, "hotgirl"),
    (Explicit, "cum"),
    (Explicit, "slut"),
    (Explicit, "milf"),
    (Explicit, "hotwife"),
    (Explicit, "horny mom"),
    (Explicit, "horny housewife"),
    (Explicit, "i love sex"),
    (Explicit, "sex toy"),
    (Explicit, "sextoy"),
    (Explicit, "over 18"),
    (Explicit, "adults only"),
    (Explicit, "nude yoga"),
    (Explicit, "i m so wet"),
    (Explicit, "im so wet"),
    (Explicit, "wet pussy"),
    (Explicit, "shemale"),
    (Explicit, "shemales"),
    (Explicit, "transexuals"),
    (Explicit, "brazzers"),
    (Explicit, "pornsite"),
    (Explicit, "pornhub"),
    (Explicit, "xvideos"),
    (Explicit, "xhamster"),
    (Explicit, "sexual need"),
    (Explicit, "sexual needs"),
    (Explicit, "busty"),
    (Explicit, "hot pic"),
    (Explicit, "hot pics"),
    (Explicit, "sexy pics"),
    (Explicit, "naughty pics"),
    (Explicit, "without panties"),
    (Invitation, "tap me"),
    (Invitation, "tap on me"),
    (Invitation, "tap on my pic"),
    (Invitation, "tap on my picture"),
    (Invitation, "tap on my photo"),
    (Invitation, "tap my pic"),
    (Invitation, "tap my"),
    (Invitation, "tap to have"),
    (Invitation, "click me"),
    (Invitation, "click on me"),
    (Invitation, "click for"),
    (Invitation, "click on my"),
    (Invitation, "touch me"),
    (Contact, "come over"),
    (Invitation, "come fast"),
    (Contact, "come to me"),
    (Invitation, "get into my body"),
    (Invitation, "into my body"),
    (Contact, "text me"),
    (Contact, "dm me"),
    (Contact, "message me"),
    (Contact, "write me"),
    (Contact, "write to me"),
    (Contact, "add me"),
    (Contact, "call me"),
    (Contact, "chat with me"),
    (Contact, "meet me"),
    (Contact, "want to meet"),
    (Contact, "wanna meet"),
    (Contact, "lets meet"),
    (Invitation, "have fun with me"),
    (Invitation, "have sex with me"),
    (Invitation, "sleep with me"),
    (Contact, "play with me"),
    (Invitation, "turn you on"),
    (Invitation, "i will turn you on"),
    (Invitation, "wanna have fun"),
    (Invitation, "looking for fun"),
    (Invitation, "looking for a man"),
    (Invitation, "looking for a boyfriend"),
    (Invitation, "lonely tonight"),
    (Invitation, "bored and lonely"),
    (Invitation, "im lonely"),
    (Invitation, "i am lonely"),
    (Invitation, "i m lonely"),
    (Invitation, "im alone"),
    (Invitation, "nobody is here"),
    (Invitation, "nobody is home"),
    (Contact, "who wants to chat"),
    (Contact, "who wants to talk"),
    (Contact, "waiting for you"),
    (Invitation, "if you dare"),
    (Contact, "join me"),
    (Contact, "join fast"),
    (Invitation, "dont tap me"),
    (Invitation, "dont touch me"),
    (Invitation, "dont click me"),
    (Invitation, "wont you even text me"),
    (ProfilePointer, "check my profile"),
    (ProfilePointer, "check my profil"),
    (ProfilePointer, "look at my profile"),
    (ProfilePointer, "see my profile"),
    (ProfilePointer, "visit my profile"),
    (ProfilePointer, "on my profile"),
    (ProfilePointer, "in my profile"),
    (ProfilePointer, "my profile picture"),
    (ProfilePointer, "my profile pic"),
    (ProfilePointer, "my pfp"),
    (ProfilePointer, "dont read my name"),
    (ProfilePointer, "read my name"),
    (ProfilePointer, "look at my name"),
    (ProfilePointer, "dont read my profile"),
    (ProfilePointer, "dont look at my profile"),
    (ProfilePointer, "read my profile picture"),
    (ProfilePointer, "my username"),
    (Contact, "go to my channel"),
    (Contact, "check my channel"),
    (Contact, "visit my channel"),
    (ProfilePointer, "link in bio"),
    (ProfilePointer, "link in my bio"),
    (ProfilePointer, "check my bio"),
    (ProfilePointer, "check my story"),
    (ProfilePointer, "see my story"),
    (ProfilePointer, "look at my page"),
    (ProfilePointer, "rate me"),
    (ProfilePointer, "rate me in my profile"),
    (ProfilePointer, "on my pic"),
    (ProfilePointer, "on my picture"),
    (ProfilePointer, "my pics"),
    (ProfilePointer, "my private photos"),
    (ProfilePointer, "my hot photos"),
    (ProfilePointer, "my hot video"),
    (ProfilePointer, "my private video"),
    (ProfilePointer, "see now"),
    (ProfilePointer, "link on my profile"),
    (ProfilePointer, "site in my name"),
    (ProfilePointer, "site in channel name"),
    (Dating, "dating site"),
    (Dating, "dating website"),
    (Dating, "dating web site"),
    (Dating, "dating app"),
    (Dating, "sex date"),
    (Dating, "adult dating"),
    (Dating, "hookup"),
    (Dating, "hook up"),
    (Dating, "one night stand"),
    (Dating, "casual sex"),
    (Dating, "friends with benefits"),
    (Dating, "sugar daddy"),
    (Dating, "local singles"),
    (Dating, "hot singles"),
    (Dating, "singles in your area"),
    (Dating, "meet girls"),
    (Dating, "local girls"),
    (Dating, "lonely girls"),
    (Dating, "lonely women"),
    (Dating, "cam girl"),
    (Dating, "camgirl"),
    (Dating, "cam show"),
    (Dating, "live cam"),
    (Dating, "sexcam"),
    (Dating, "webcam sex"),
    (Dating, "escort"),
    (Dating, "escorts"),
    (Dating, "call girl"),
    (Dating, "call girls"),
    (Dating, "dating service"),
    (Dating, "dating"),
    (Dating, "secretly fancies you"),
    (Dating, "fancies you"),
    (Dating, "specialdate"),
    (Dating, "local date"),
    (Dating, "find a date"),
    (Dating, "looking for a date"),
    (Leaked, "sex tape"),
    (Leaked, "sextape"),
    (Leaked, "leaked video"),
    (Leaked, "leaked nudes"),
    (Leaked, "leaked photos"),
    (Leaked, "naked photos"),
    (Leaked, "nude photos"),
    (Leaked, "nude pics"),
    (Leaked, "naked pics"),
    (Leaked, "private video"),
    (Leaked, "private photos"),
    (Leaked, "adult video"),
    (Leaked, "porn video"),
    (Leaked, "fuck video"),
    (Leaked, "hot video"),
    (Leaked, "private sex"),
    (Leaked, "sex tapes"),
    (Leaked, "celebrity sex tape"),
    (Leaked, "naked photographs"),
    (Leaked, "nude photographs"),
    (Leaked, "adult video"),
    (Leaked, "adult videos"),
    (Minor, "child porn"),
    (Minor, "kid sex"),
    (Minor, "kids sex"),
    (Minor, "child sex"),
    (Minor, "kids porn"),
    (Minor, "cp links"),
    (Minor, "cp videos"),
    (Minor, "pedo"),
    (Minor, "preteen"),
    (Minor, "jailbait"),
    (Minor, "underage nudes"),
    (Minor, "teen nudes"),
    (Minor, "child rape"),
    (Suggestive, "hot"),
    (Suggestive, "sexy"),
    (Suggestive, "sexi"),
    (Suggestive, "baby"),
    (Suggestive, "babe"),
    (Suggestive, "kiss"),
    (Suggestive, "kisses"),
    (Suggestive, "wet"),
    (Suggestive, "naughty"),
    (Suggestive, "lonely"),
    (Suggestive, "body"),
    (Suggestive, "hottie"),
    (Suggestive, "sweetie"),
    (Suggestive, "sweety"),
    (Suggestive, "honey"),
    (Suggestive, "lingerie"),
    (Suggestive, "bikini"),
    (Suggestive, "seductive"),
    (Suggestive, "desire"),
    (Suggestive, "pleasure"),
    (Suggestive, "hot girl"),
    (Suggestive, "hot girls"),
    (Suggestive, "sweet girl"),
    (Suggestive, "so wet"),
    (Suggestive, "baiser"),
    (Suggestive, "excitee"),
    (Greeting, "hi"),
    (Greeting, "hey"),
    (Greeting, "hello"),
    (Greeting, "hi guys"),
    (Greeting, "hey guys"),
    (Greeting, "hello guys"),
    (Greeting, "hi dear"),
    (Greeting, "hello dear"),
    (Greeting, "hi baby"),
    (Greeting, "hey baby"),
    (Greeting, "yup"),
    (Greeting, "yea"),
    (Greeting, "yes"),
    (Greeting, "wow"),
    (Greeting, "omg"),
    (Greeting, "aw"),
    (Greeting, "ah"),
    (Greeting, "oh"),
    (Greeting, "mmm"),
    // English, continued: SMS-era and Instagram-era lures.
    (Explicit, "get laid"),
    (Explicit, "dogging"),
    (Explicit, "hardcore"),
    (Explicit, "xchat"),
    (Explicit, "sexychat"),
    (Explicit, "sexy chat"),
    (Explicit, "sex chat"),
    (Explicit, "adult chat"),
    (Explicit, "gay chat"),
    (Explicit, "satisfy men"),
    (Explicit, "horny girls"),
    (Explicit, "horny women"),
    (Explicit, "naughty girls"),
    (Explicit, "booty call"),
    (Explicit, "send nudes"),
    (Explicit, "dick pic"),
    (Explicit, "dick pics"),
    (Explicit, "hentai"),
    (Explicit, "erotic"),
    (Explicit, "stripchat"),
    (Explicit, "chaturbate"),
    (Explicit, "pornstar"),
    (Explicit, "porn star"),
    (Explicit, "nsfw content"),
    (Explicit, "deepest fantasies"),
    (Explicit, "sexual"),
    (Explicit, "sexting"),
    (Contact, "add me on snap"),
    (Contact, "add me on snapchat"),
    (Contact, "snap me"),
    (Contact, "kik me"),
    (Contact, "hmu"),
    (Contact, "anyone wanna chat"),
    (Contact, "im bored"),
    (Contact, "i m bored"),
    (Contact, "so bored"),
    (Contact, "dm me on"),
    (Contact, "message me on"),
    (Contact, "text me on"),
    (Contact, "wanna chat"),
    (Contact, "want to chat"),
    (Contact, "chat now"),
    (Invitation, "keep me company"),
    (ProfilePointer, "my bio"),
    (ProfilePointer, "in bio"),
    (ProfilePointer, "bio link"),
    (ProfilePointer, "click my profile"),
    (ProfilePointer, "click on my profile"),
    (ProfilePointer, "go to my page"),
    (ProfilePointer, "check my page"),
    (ProfilePointer, "visit my page"),
    (ProfilePointer, "c my pix"),
    (ProfilePointer, "c my pic"),
    (ProfilePointer, "see my pic"),
    (ProfilePointer, "see my pics"),
    (ProfilePointer, "wanna see my"),
    (Dating, "adult singles"),
    (Dating, "bored housewives"),
    (Dating, "housewives"),
    (Dating, "married women"),
    (Dating, "married local women"),
    (Dating, "local women"),
    (Dating, "discreet"),
    (Dating, "real matches"),
    (Dating, "meet singles"),
    (Dating, "singles near you"),
    (Dating, "women near you"),
    (Dating, "girls near you"),
    (Dating, "girls in your area"),
    (Dating, "women in your area"),
    (Dating, "secret admirer"),
    (Dating, "sex partner"),
    (Dating, "sex contacts"),
    (Dating, "hook up tonight"),
    (Leaked, "turn off her webcam"),
    (Leaked, "turn off her web cam"),
    (Leaked, "turn off her cam"),
    (Leaked, "forgot to turn off"),
    (Leaked, "forgot to shut off"),
    (Leaked, "shut off her cam"),
    (Leaked, "shut off her web camera"),
    (Leaked, "leeched"),
    (Leaked, "leaked"),
    (Leaked, "adult tape"),
    (Leaked, "sex video"),
    (Leaked, "sex videos"),
    (Leaked, "celebrity nude"),
    (Leaked, "naked celebrity"),
    (Leaked, "naked pictures"),
    (Leaked, "nude pictures"),
    (Suggestive, "kinky"),
    (Suggestive, "sensual"),
    (Suggestive, "flirt"),
    (Suggestive, "flirty"),
    (Suggestive, "fantasies"),
    (Suggestive, "randy"),
    (Suggestive, "saucy"),
    (Suggestive, "cheated"),
    // --- Dutch (Flemish and Netherlands) ----------------------------------
    (Explicit, "seks"),
    (Explicit, "naakt"),
    (Explicit, "naaktfoto"),
    (Explicit, "naaktfotos"),
    (Explicit, "neuken"),
    (Explicit, "neuk me"),
    (Explicit, "geile meiden"),
    (Explicit, "geile vrouwen"),
    (Explicit, "tieten"),
    (Explicit, "sexfilmpje"),
    (Explicit, "seksfilmpje"),
    (Explicit, "blote fotos"),
    (Explicit, "zin in seks"),
    (Explicit, "zin in sex"),
    (Explicit, "webcamsex"),
    (Explicit, "camsex"),
    (Contact, "stuur me"),
    (Contact, "stuur mij"),
    (Contact, "app mij"),
    (Contact, "voeg me toe"),
    (Invitation, "tik op mijn naam"),
    (Invitation, "klik op mijn naam"),
    (Invitation, "ik ben zo eenzaam"),
    (Invitation, "zin in een avontuurtje"),
    (Contact, "wie heeft zin"),
    (Contact, "kijk op mijn kanaal"),
    (Contact, "ga naar mijn kanaal"),
    (Contact, "bekijk mijn kanaal"),
    (ProfilePointer, "check mijn profiel"),
    (ProfilePointer, "check mijn story"),
    (ProfilePointer, "kijk in mijn bio"),
    (ProfilePointer, "niet mijn naam lezen"),
    (Dating, "sekscontact"),
    (Dating, "sexcontact"),
    (Dating, "vrouwen zoeken sex"),
    (Dating, "date in je buurt"),
    (Dating, "avontuurtje"),
    (Leaked, "gelekt"),
    (Leaked, "naaktbeelden"),
    (Invitation, "tik op mij"),
    (Invitation, "tik op mijn foto"),
    (Invitation, "klik op mij"),
    (Invitation, "klik op mijn profiel"),
    (Invitation, "kom langs"),
    (Invitation, "kom naar mij"),
    (Contact, "stuur me een bericht"),
    (Contact, "stuur mij een bericht"),
    (Contact, "schrijf me"),
    (Contact, "app me"),
    (Contact, "bel me"),
    (Contact, "chat met mij"),
    (Contact, "wil je afspreken"),
    (Invitation, "ik ben eenzaam"),
    (Contact, "ik verveel me"),
    (Contact, "wie wil chatten"),
    (Contact, "ik wacht op je"),
    (Invitation, "niemand is thuis"),
    (ProfilePointer, "kijk op mijn profiel"),
    (ProfilePointer, "bekijk mijn profiel"),
    (ProfilePointer, "lees mijn naam"),
    (ProfilePointer, "lees niet mijn naam"),
    (ProfilePointer, "mijn profielfoto"),
    (ProfilePointer, "link in mijn bio"),
    (ProfilePointer, "bekijk mijn verhaal"),
    (ProfilePointer, "mijn fotos"),
    (Dating, "datingsite"),
    (Dating, "sexdate"),
    (Dating, "sexdating"),
    (Dating, "singles in jouw buurt"),
    (Dating, "eenzame vrouwen"),
    (Dating, "vrouwen zoeken"),
    (Leaked, "gelekte video"),
    (Leaked, "gelekte fotos"),
    (Leaked, "sekstape"),
    (Minor, "kinderporno"),
    (Suggestive, "heet"),
    (Suggestive, "hete"),
    (Suggestive, "geil"),
    (Suggestive, "geile"),
    (Suggestive, "schatje"),
    (Suggestive, "kusje"),
    (Suggestive, "eenzaam"),
    (Greeting, "hoi"),
    (Greeting, "hallo"),
    (Greeting, "hey lieverd"),
    // --- French ------------------------------------------------------------
    (Explicit, "sexe"),
    (Explicit, "nue"),
    (Explicit, "nues"),
    (Explicit, "baise moi"),
    (Explicit, "cochonne"),
    (Explicit, "photos coquines"),
    (Explicit, "photos hot"),
    (Explicit, "video hot"),
    (Explicit, "envie de sexe"),
    (Explicit, "webcam sexe"),
    (Explicit, "rencontre sexe"),
    (Contact, "ajoute moi sur snap"),
    (Contact, "viens en prive"),
    (Contact, "viens en pv"),
    (Contact, "dm moi"),
    (Contact, "contacte moi"),
    (Invitation, "qui veut s amuser"),
    (ProfilePointer, "regarde ma bio"),
    (ProfilePointer, "clique sur mon profil"),
    (ProfilePointer, "clique sur mon nom"),
    (ProfilePointer, "va sur mon profil"),
    (Dating, "rencontres coquines"),
    (Dating, "femmes mariees"),
    (Dating, "cougars"),
    (Dating, "cam coquine"),
    (Explicit, "chatte"),
    (Explicit, "salope"),
    (Explicit, "photos nues"),
    (Explicit, "plan cul"),
    (Invitation, "clique sur moi"),
    (Invitation, "clique sur ma photo"),
    (Invitation, "touche moi"),
    (Invitation, "viens chez moi"),
    (Invitation, "viens me voir"),
    (Contact, "ecris moi"),
    (Contact, "envoie moi un message"),
    (Contact, "ajoute moi"),
    (Contact, "appelle moi"),
    (Contact, "parle avec moi"),
    (Invitation, "je suis seule"),
    (Contact, "je m ennuie"),
    (Contact, "qui veut parler"),
    (Contact, "qui veut discuter"),
    (Contact, "je t attends"),
    (Contact, "rejoins moi"),
    (ProfilePointer, "regarde mon profil"),
    (ProfilePointer, "va voir mon profil"),
    (ProfilePointer, "lis mon nom"),
    (ProfilePointer, "ne lis pas mon nom"),
    (ProfilePointer, "ma photo de profil"),
    (ProfilePointer, "lien dans ma bio"),
    (ProfilePointer, "lien en bio"),
    (ProfilePointer, "regarde ma story"),
    (Contact, "va sur ma chaine"),
    (Dating, "site de rencontre"),
    (Dating, "rencontre coquine"),
    (Dating, "plan d un soir"),
    (Dating, "femmes celibataires"),
    (Dating, "celibataires pres de chez vous"),
    (Leaked, "sextape"),
    (Leaked, "video privee"),
    (Leaked, "video intime"),
    (Leaked, "photos intimes"),
    (Minor, "pedopornographie"),
    (Suggestive, "chaude"),
    (Suggestive, "coquine"),
    (Suggestive, "bisous"),
    (Suggestive, "seule"),
    (Suggestive, "cherie"),
    (Greeting, "salut"),
    (Greeting, "coucou"),
    (Greeting, "bonjour"),
    // --- German ------------------------------------------------------------
    (Explicit, "nackt"),
    (Explicit, "nacktbilder"),
    (Explicit, "nacktfotos"),
    (Explicit, "ficken"),
    (Explicit, "sexvideo"),
    (Explicit, "heisse fotos"),
    (Explicit, "lust auf sex"),
    (Contact, "schreib mir privat"),
    (Contact, "adde mich"),
    (Invitation, "klick auf meinen namen"),
    (Invitation, "ich bin so einsam"),
    (Invitation, "lust auf spass"),
    (ProfilePointer, "schau in meine bio"),
    (Contact, "schau auf meinen kanal"),
    (Dating, "sextreffen"),
    (Dating, "hausfrauen"),
    (Dating, "reife frauen"),
    (Leaked, "private bilder"),
    (Leaked, "geleakt"),
    (Explicit, "fick mich"),
    (Explicit, "muschi"),
    (Explicit, "schwanz"),
    (Explicit, "titten"),
    (Explicit, "geile frauen"),
    (Invitation, "tipp auf mich"),
    (Invitation, "klick auf mich"),
    (Invitation, "klick auf mein profil"),
    (Invitation, "komm zu mir"),
    (Invitation, "komm vorbei"),
    (Contact, "schreib mir"),
    (Contact, "schreib mich an"),
    (Contact, "ruf mich an"),
    (Contact, "chatte mit mir"),
    (Invitation, "ich bin einsam"),
    (Contact, "mir ist langweilig"),
    (Contact, "wer will chatten"),
    (Contact, "ich warte auf dich"),
    (Invitation, "niemand ist zuhause"),
    (ProfilePointer, "schau auf mein profil"),
    (ProfilePointer, "schau mein profil an"),
    (ProfilePointer, "lies meinen namen"),
    (ProfilePointer, "lies nicht meinen namen"),
    (ProfilePointer, "mein profilbild"),
    (ProfilePointer, "link in meiner bio"),
    (ProfilePointer, "schau meine story"),
    (Dating, "sexkontakte"),
    (Dating, "dating seite"),
    (Dating, "singles in deiner nahe"),
    (Dating, "einsame frauen"),
    (Dating, "seitensprung"),
    (Leaked, "privates video"),
    (Leaked, "geleakte bilder"),
    (Suggestive, "heiss"),
    (Suggestive, "geil"),
    (Suggestive, "kusschen"),
    (Suggestive, "einsam"),
    (Suggestive, "susse"),
    // --- Spanish -----------------------------------------------------------
    (Explicit, "sexo"),
    (Explicit, "desnuda"),
    (Explicit, "desnudas"),
    (Explicit, "follar"),
    (Explicit, "cachonda"),
    (Explicit, "fotos hot"),
    (Explicit, "mi pack"),
    (Explicit, "packs"),
    (Contact, "escribeme al privado"),
    (Contact, "hablame"),
    (Invitation, "dale clic a mi perfil"),
    (Contact, "me aburro"),
    (ProfilePointer, "link en mi perfil"),
    (Dating, "chicas calientes"),
    (Dating, "maduras"),
    (Dating, "contactos"),
    (Leaked, "fotos filtradas"),
    (Leaked, "pack filtrado"),
    (Explicit, "follame"),
    (Explicit, "cogeme"),
    (Explicit, "chicas calientes"),
    (Explicit, "tetas"),
    (Explicit, "polla"),
    (Invitation, "toca mi foto"),
    (Invitation, "tocame"),
    (Invitation, "haz clic en mi"),
    (Invitation, "ven a mi casa"),
    (Invitation, "ven conmigo"),
    (Contact, "escribeme"),
    (Contact, "mandame un mensaje"),
    (Contact, "agregame"),
    (Contact, "llamame"),
    (Contact, "habla conmigo"),
    (Invitation, "estoy sola"),
    (Contact, "estoy aburrida"),
    (Contact, "quien quiere hablar"),
    (Contact, "quien quiere chatear"),
    (Contact, "te espero"),
    (ProfilePointer, "mira mi perfil"),
    (ProfilePointer, "ve a mi perfil"),
    (ProfilePointer, "lee mi nombre"),
    (ProfilePointer, "no leas mi nombre"),
    (ProfilePointer, "mi foto de perfil"),
    (ProfilePointer, "link en mi bio"),
    (ProfilePointer, "enlace en mi perfil"),
    (ProfilePointer, "mira mi historia"),
    (Dating, "sitio de citas"),
    (Dating, "citas para adultos"),
    (Dating, "chicas solteras"),
    (Dating, "mujeres solteras"),
    (Leaked, "fotos intimas"),
    (Leaked, "video intimo"),
    (Leaked, "video filtrado"),
    (Suggestive, "caliente"),
    (Suggestive, "besos"),
    (Suggestive, "sola"),
    (Suggestive, "nena"),
    (Greeting, "hola"),
    // --- Portuguese (Brazil and Portugal) -------------------------------------
    (Explicit, "pelada"),
    (Explicit, "peladas"),
    (Explicit, "transar"),
    (Explicit, "putaria"),
    (Explicit, "meu pack"),
    (Explicit, "vazados"),
    (Explicit, "caiu na net"),
    (Contact, "me chama no pv"),
    (Invitation, "to carente"),
    (Contact, "me add"),
    (ProfilePointer, "clica na minha foto"),
    (Dating, "garotas de programa"),
    (Dating, "acompanhantes"),
    (Dating, "mulheres casadas"),
    (Explicit, "buceta"),
    (Explicit, "me fode"),
    (Explicit, "nudes"),
    (Explicit, "sexo gratis"),
    (Invitation, "toca na minha foto"),
    (Invitation, "clica em mim"),
    (Invitation, "clica no meu perfil"),
    (Invitation, "vem pra minha casa"),
    (Invitation, "vem me ver"),
    (Contact, "me chama"),
    (Contact, "me chama no privado"),
    (Contact, "chama no pv"),
    (Contact, "me manda mensagem"),
    (Contact, "me adiciona"),
    (Contact, "me liga"),
    (Invitation, "estou sozinha"),
    (Invitation, "to sozinha"),
    (Contact, "quem quer conversar"),
    (Contact, "quem quer teclar"),
    (ProfilePointer, "olha meu perfil"),
    (ProfilePointer, "veja meu perfil"),
    (ProfilePointer, "entra no meu perfil"),
    (ProfilePointer, "leia meu nome"),
    (ProfilePointer, "nao leia meu nome"),
    (ProfilePointer, "minha foto de perfil"),
    (ProfilePointer, "link na bio"),
    (ProfilePointer, "olha meus stories"),
    (Dating, "site de namoro"),
    (Dating, "encontros adultos"),
    (Dating, "mulheres solteiras"),
    (Dating, "garota de programa"),
    (Dating, "acompanhante"),
    (Leaked, "fotos intimas"),
    (Leaked, "video intimo"),
    (Leaked, "nudes vazados"),
    (Suggestive, "gostosa"),
    (Suggestive, "safada"),
    (Suggestive, "beijos"),
    (Suggestive, "sozinha"),
    (Suggestive, "carente"),
    (Greeting, "oi"),
    (Greeting, "ola"),
    // --- Russian -----------------------------------------------------------
    (Explicit, "секс"),
    (Explicit, "порно"),
    (Explicit, "голые"),
    (Explicit, "голая"),
    (Explicit, "интим"),
    (Explicit, "трахни"),
    (Explicit, "шлюхи"),
    (Explicit, "оголенные"),
    (Explicit, "без трусиков"),
    (Explicit, "18+ фото"),
    (Explicit, "фото 18+"),
    (Explicit, "видео 18+"),
    (Explicit, "обнаженные"),
    (Explicit, "вирт"),
    (Explicit, "интимные"),
    (Contact, "пиши в лс"),
    (Contact, "напиши в лс"),
    (Contact, "жду в лс"),
    (Contact, "в личку"),
    (Dating, "секс знакомства"),
    (Contact, "напиши мне"),
    (Contact, "пиши мне"),
    (Contact, "пишите мне"),
    (Contact, "жду тебя"),
    (Invitation, "одинока"),
    (Invitation, "познакомлюсь"),
    (Contact, "кто хочет пообщаться"),
    (ProfilePointer, "в профиле"),
    (ProfilePointer, "мой профиль"),
    (ProfilePointer, "смотри профиль"),
    (ProfilePointer, "фото в профиле"),
    (ProfilePointer, "ссылка в профиле"),
    (Dating, "знакомства"),
    (Dating, "эскорт"),
    (Dating, "интим услуги"),
    (Dating, "проститутки"),
    (Leaked, "слитые фото"),
    (Leaked, "интимные фото"),
    (Leaked, "интим фото"),
    (Leaked, "голые фото"),
    (Leaked, "приватные фото"),
    (Leaked, "cлив"),
    (Minor, "детское порно"),
    (Suggestive, "горячая"),
    (Suggestive, "красотка"),
    (Suggestive, "малыш"),
    (Greeting, "привет"),
    // --- Japanese ----------------------------------------------------------
    (Explicit, "エロ"),
    (Explicit, "工口"),
    (Explicit, "セックス"),
    (Explicit, "エッチ"),
    (Explicit, "えっち"),
    (Explicit, "エロ動画"),
    (Explicit, "裏垢"),
    (Explicit, "無修正"),
    (Invitation, "会える人"),
    (Contact, "連絡して"),
    (Invitation, "暇な人"),
    (ProfilePointer, "チャンネルみろ"),
    (ProfilePointer, "チャンネル見て"),
    (ProfilePointer, "チャンネルみて"),
    (ProfilePointer, "プロフ見て"),
    (ProfilePointer, "プロフィール見て"),
    (ProfilePointer, "名前見て"),
    (Dating, "出会い系"),
    (Dating, "セフレ"),
    (Dating, "パパ活"),
    (Dating, "援交"),
    (Dating, "オフパコ"),
    (Explicit, "えろ"),
    (ProfilePointer, "プロフのリンク"),
    (ProfilePointer, "固定ツイ"),
    (Leaked, "流出"),
    // --- Korean ------------------------------------------------------------
    (Explicit, "섹스"),
    (Explicit, "셱스"),
    (Explicit, "야동"),
    (Explicit, "얃옹"),
    (Explicit, "19금"),
    (Explicit, "야한"),
    (Explicit, "성인방송"),
    (Contact, "연락해"),
    (Contact, "연락주세요"),
    (Invitation, "만날래"),
    (Invitation, "놀아줘"),
    (Contact, "내 채널"),
    (Contact, "채널 보러"),
    (ProfilePointer, "췌널"),
    (Dating, "조건만남"),
    (Dating, "랜덤채팅"),
    (Dating, "출장안마"),
    (Dating, "애인대행"),
    (Dating, "몸캠"),
    (Explicit, "성인"),
    (ProfilePointer, "내 프로필"),
    (Leaked, "유출"),
    (Leaked, "몰카"),
];

/// Scripts without spaces between words are matched inside words too.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xFF66..=0xFF9F)
}

/// One lexicon entry after folding.
#[derive(Debug)]
struct Entry {
    category: Category,
    /// The phrase as written in the table.
    phrase: &'static str,
    /// Its folded words, repeated letters squeezed.
    words: Vec<String>,
}

/// A phrase found in a folded field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The phrase's category.
    pub category: Category,
    /// The phrase as written in the lexicon.
    pub phrase: &'static str,
    /// The first word of the field it covers.
    pub first_word: usize,
    /// One past the last word it covers.
    pub end_word: usize,
    /// Whether the phrase was written backwards.
    pub reversed: bool,
    /// Whether it was found inside a longer word (`hotgirlvlogs`).
    pub inside_word: bool,
}

struct Lexicon {
    entries: Vec<Entry>,
    /// First word → entries starting with it.
    by_first_word: FxHashMap<String, Vec<u16>>,
    /// Entries by the length (in characters) of their first word, for
    /// masked words (`f*ck` may be any four-letter first word).
    by_first_length: Vec<Vec<u16>>,
    /// Phrases without spaces (words joined), for finding them inside
    /// longer words.
    joined: Trie,
}

/// A character trie of the joined phrases: walking it from each position of
/// a word finds every phrase that starts there, usually after a step or two.
#[derive(Default)]
struct Trie {
    nodes: Vec<TrieNode>,
    /// The root's children for ASCII characters, looked up directly (most
    /// positions in a word fail right there).
    root_ascii: Vec<u32>,
    /// A 256-bit filter of the root's other characters: a clear bit means
    /// no phrase starts with that character.
    root_other: [u64; 4],
}

#[derive(Default)]
struct TrieNode {
    /// Children by character, sorted.
    children: Vec<(char, u32)>,
    /// The entry a phrase ending here belongs to.
    entry: Option<u16>,
}

impl Trie {
    fn insert(&mut self, phrase: &str, entry: u16) {
        if self.nodes.is_empty() {
            self.nodes.push(TrieNode::default());
        }
        let mut node = 0usize;
        for c in phrase.chars() {
            node = match self.nodes[node]
                .children
                .binary_search_by_key(&c, |&(k, _)| k)
            {
                Ok(i) => self.nodes[node].children[i].1 as usize,
                Err(i) => {
                    let child = self.nodes.len();
                    self.nodes.push(TrieNode::default());
                    self.nodes[node].children.insert(i, (c, child as u32));
                    child
                }
            };
        }
        self.nodes[node].entry.get_or_insert(entry);
        self.root_ascii = vec![0; 128];
        self.root_other = [0; 4];
        for &(c, child) in &self.nodes[0].children {
            if c.is_ascii() {
                self.root_ascii[c as usize] = child;
            } else {
                let bit = (c as u32 % 256) as usize;
                self.root_other[bit / 64] |= 1 << (bit % 64);
            }
        }
    }

    /// Calls `found(length, entry)` for each phrase that `chars` starts with.
    fn prefixes(&self, chars: impl Iterator<Item = char>, mut found: impl FnMut(usize, u16)) {
        let mut node = 0usize;
        if self.nodes.is_empty() {
            return;
        }
        for (length, c) in chars.enumerate() {
            if node == 0 && c.is_ascii() {
                match self.root_ascii[c as usize] {
                    0 => return,
                    child => node = child as usize,
                }
            } else if node == 0
                && self.root_other[(c as u32 % 256) as usize / 64] & (1 << (c as u32 % 64)) == 0
            {
                return;
            } else {
                match self.nodes[node]
                    .children
                    .binary_search_by_key(&c, |&(k, _)| k)
                {
                    Ok(i) => node = self.nodes[node].children[i].1 as usize,
                    Err(_) => return,
                }
            }
            if let Some(entry) = self.nodes[node].entry {
                found(length + 1, entry);
            }
        }
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lexicon = Lexicon {
            entries: Vec::with_capacity(PHRASES.len()),
            by_first_word: FxHashMap::default(),
            by_first_length: Vec::new(),
            joined: Trie::default(),
        };
        for &(category, phrase) in PHRASES {
            let folded = normalize::fold(phrase);
            let words: Vec<String> = folded.word_strs().map(squeeze).collect();
            if words.is_empty() || lexicon.entries.iter().any(|e| e.words == words) {
                continue;
            }
            let index = lexicon.entries.len() as u16;
            lexicon
                .by_first_word
                .entry(words[0].clone())
                .or_default()
                .push(index);
            let length = words[0].chars().count();
            if lexicon.by_first_length.len() <= length {
                lexicon.by_first_length.resize(length + 1, Vec::new());
            }
            lexicon.by_first_length[length].push(index);
            let joined: String = words.concat();
            let length = joined.chars().count();
            // Short phrases inside words would match everywhere ("hi" in
            // "this"); only long ones, strong four-letter words ("porn" in
            // "PORNSITE") and unspaced-script ones are looked for.
            let unspaced = joined.chars().any(is_unspaced_script);
            let strong = matches!(category, Explicit | Dating | Leaked | Minor);
            let long_enough = length >= 5 || (strong && length >= 4) || (unspaced && length >= 2);
            if long_enough {
                lexicon.joined.insert(&joined, index);
            }
            lexicon.entries.push(Entry {
                category,
                phrase,
                words,
            });
        }
        lexicon
    })
}

/// Collapses runs of the same character: `hiii` → `hi`, `taap` → `tap`.
/// A word that would shrink to one character stays as it is (`xxx` is not
/// `x`).
pub fn squeeze(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    squeeze_into(word, &mut out);
    out
}

/// [`squeeze`] into a reusable buffer.
pub fn squeeze_into(word: &str, out: &mut String) {
    out.clear();
    squeeze_onto(word, out);
}

/// [`squeeze`], appended to `out`.
pub fn squeeze_onto(word: &str, out: &mut String) {
    let bytes = word.as_bytes();
    if bytes.windows(2).all(|pair| pair[0] != pair[1]) {
        // Nothing repeats (the usual case; a repeated character always
        // repeats its last UTF-8 byte).
        out.push_str(word);
        return;
    }
    let start = out.len();
    let mut previous = None;
    for c in word.chars() {
        if previous != Some(c) {
            out.push(c);
        }
        previous = Some(c);
    }
    if out[start..].chars().nth(1).is_none() {
        out.truncate(start);
        out.push_str(word);
    }
}

/// Every lexicon phrase in a comment text, forwards and (short texts)
/// backwards, and inside the words of unspaced scripts. Hits may overlap.
pub fn find(field: &Folded) -> Vec<Hit> {
    let mut hits = Vec::new();
    find_into(field, false, &mut hits);
    hits
}

/// Like [`find`] for a name or handle, where words run together
/// (`@hotgirlvideos`) and shorter words are searched inside.
pub fn find_in_name(field: &Folded) -> Vec<Hit> {
    let mut hits = Vec::new();
    find_into(field, true, &mut hits);
    hits
}

/// [`find`] (or, for a name, [`find_in_name`]) into `hits`, reusing it.
pub fn find_into(field: &Folded, is_name: bool, hits: &mut Vec<Hit>) {
    hits.clear();
    if field.words.is_empty() {
        return;
    }
    // Names run words together (`@hotgirlvideos`); texts rarely do, and the
    // learned n-grams see inside their words anyway, so inside texts only
    // unspaced scripts (Japanese, Chinese, Korean) are searched.
    find_with(field, if is_name { 5 } else { usize::MAX }, hits);
}

thread_local! {
    /// Buffers for backwards text and a word's characters, kept between calls.
    static SCRATCH: std::cell::RefCell<(String, Vec<char>)> =
        const { std::cell::RefCell::new((String::new(), Vec::new())) };
}

fn find_with(field: &Folded, inside_min_length: usize, hits: &mut Vec<Hit>) {
    let lexicon = lexicon();
    let n = field.words.len();
    let forwards = |i: usize| field.squeezed_word(i);
    let masked = |i: usize| field.words[i].disguise & DISGUISE_MASK != 0;
    find_phrases(lexicon, n, &forwards, &masked, false, hits);
    SCRATCH.with(|scratch| {
        let (flipped, chars) = &mut *scratch.borrow_mut();
        // Names of up to 12 words and texts of up to 6 (bait lines) are
        // read backwards too; texts of up to 40 words only when forwards
        // they hold no lure, the only way a backwards lure can hide.
        let is_name = inside_min_length <= 5;
        let nothing_forwards = || {
            hits.iter()
                .all(|h| matches!(h.category, Category::Suggestive | Category::Greeting))
        };
        let worth_it = if is_name {
            n <= 12
        } else {
            n <= 6 || (n <= 40 && nothing_forwards())
        };
        if field.disguises.right_to_left_override || worth_it {
            // Backwards text ("oediv toh ym"): checked on short fields,
            // where bots use it, and wherever a right-to-left override
            // shows it. Reversing the whole squeezed text reverses the
            // order of the words and each word's letters.
            flipped.clear();
            flipped.extend(field.squeezed.chars().rev());
            let total = flipped.len() as u32;
            let backwards = |i: usize| {
                let (start, end) = field.squeezed_words[n - 1 - i];
                &flipped[(total - end) as usize..(total - start) as usize]
            };
            let masked_backwards = |i: usize| masked(n - 1 - i);
            let first_hit = hits.len();
            find_phrases(lexicon, n, &backwards, &masked_backwards, true, hits);
            if inside_min_length <= 5 {
                // Names run words together backwards too ("lrigtoh").
                for index in 0..n {
                    find_inside_word(
                        lexicon,
                        backwards(index),
                        index,
                        inside_min_length,
                        chars,
                        hits,
                    );
                }
                for hit in &mut hits[first_hit..] {
                    hit.reversed = true;
                }
            }
            for hit in &mut hits[first_hit..] {
                (hit.first_word, hit.end_word) = (n - hit.end_word, n - hit.first_word);
            }
        }
        for index in 0..n {
            find_inside_word(
                lexicon,
                forwards(index),
                index,
                inside_min_length,
                chars,
                hits,
            );
        }
    });
    // Variants of one entry ("fuck me", "fck me") count once per place,
    // and so does a word that reads the same backwards ("xxx"): it is no
    // backwards writing.
    let place = |h: &Hit| (h.first_word, h.end_word, h.category);
    let also_forwards = |h: &Hit, hits: &[Hit]| {
        h.reversed && hits.iter().any(|k| !k.reversed && place(k) == place(h))
    };
    let mut kept = 0;
    for i in 0..hits.len() {
        let h = hits[i];
        let duplicate = also_forwards(&h, hits)
            || hits[..kept]
                .iter()
                .any(|k| place(k) == place(&h) && k.reversed == h.reversed);
        if !duplicate {
            hits[kept] = h;
            kept += 1;
        }
    }
    hits.truncate(kept);
}

/// Phrases starting at each of the `n` words (`word(i)`, `masked(i)`).
fn find_phrases<'w>(
    lexicon: &Lexicon,
    n: usize,
    word: &dyn Fn(usize) -> &'w str,
    masked: &dyn Fn(usize) -> bool,
    reversed: bool,
    hits: &mut Vec<Hit>,
) {
    let mut try_entry = |start: usize, index: u16| {
        let entry = &lexicon.entries[index as usize];
        let end = start + entry.words.len();
        let matches = |(k, e): (usize, &String)| {
            let w = word(start + k);
            if masked(start + k) {
                wildcard_eq(w, e)
            } else {
                w == e
            }
        };
        if end <= n && entry.words.iter().enumerate().all(matches) {
            hits.push(Hit {
                category: entry.category,
                phrase: entry.phrase,
                first_word: start,
                end_word: end,
                reversed,
                inside_word: false,
            });
        }
    };
    for start in 0..n {
        let first = word(start);
        if masked(start) {
            // A masked word ("f*ck") may stand for any entry's first word
            // of its length.
            let length = first.chars().count();
            for &index in lexicon
                .by_first_length
                .get(length)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                if wildcard_eq(first, lexicon.entries[index as usize].words[0].as_str()) {
                    try_entry(start, index);
                }
            }
        } else if let Some(entries) = lexicon.by_first_word.get(first) {
            for &index in entries {
                try_entry(start, index);
            }
        }
    }
}

fn find_inside_word(
    lexicon: &Lexicon,
    word: &str,
    index: usize,
    min_length: usize,
    chars: &mut Vec<char>,
    hits: &mut Vec<Hit>,
) {
    // Only words that may be several words run together ("petits" holds
    // "tits" but is one French word), and words of unspaced scripts.
    let mut found = |length: usize, whole: bool, entry: u16| {
        let entry = &lexicon.entries[entry as usize];
        hits.push(Hit {
            category: entry.category,
            phrase: entry.phrase,
            first_word: index,
            end_word: index + 1,
            reversed: false,
            inside_word: !whole,
        });
        let _ = length;
    };
    if word.is_ascii() {
        // The common case: bytes are characters.
        let bytes = word.as_bytes();
        if bytes.len() < min_length {
            return;
        }
        for start in 0..bytes.len() {
            lexicon.joined.prefixes(
                bytes[start..].iter().map(|&b| char::from(b)),
                |length, entry| {
                    // The whole word is the phrase matcher's.
                    if start > 0 || length < bytes.len() {
                        found(length, false, entry);
                    }
                },
            );
        }
        return;
    }
    chars.clear();
    chars.extend(word.chars());
    let unspaced = chars.iter().any(|&c| is_unspaced_script(c));
    if chars.len() < min_length && !unspaced {
        return;
    }
    for start in 0..chars.len() {
        lexicon
            .joined
            .prefixes(chars[start..].iter().copied(), |length, entry| {
                let whole = start == 0 && length == chars.len();
                if whole && !unspaced {
                    return; // the whole word: the phrase matcher has it
                }
                found(length, whole, entry);
            });
    }
}

/// Equality where `*` in the masked word `a` matches any one character.
fn wildcard_eq(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.chars(), b.chars());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q || p == '*' => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{fold, fold_name};

    fn phrases(text: &str) -> Vec<(&'static str, Category)> {
        let mut found: Vec<_> = find(&fold(text))
            .into_iter()
            .map(|h| (h.phrase, h.category))
            .collect();
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn finds_disguised_lures() {
        assert!(phrases("F?СК MЕ. ТАP ON MY Р1С").contains(&("fuck me", Explicit)));
        assert!(phrases("F?СК MЕ. ТАP ON MY Р1С").contains(&("tap on my pic", Invitation)));
        assert!(phrases("Kia- T{αα}P Me!!").contains(&("tap me", Invitation)));
        let name = phrases("🍑TАP T0 НAVE S*Х WIТ' МE🍑");
        assert!(
            name.contains(&("tap to have", Invitation)) && name.contains(&("sex", Explicit)),
            "{name:?}"
        );
        assert!(phrases("Ĥii ĝuys").contains(&("hi guys", Greeting)));
    }

    #[test]
    fn finds_phrases_in_other_languages() {
        assert!(
            phrases("Kijk op mijn profiel 😘").contains(&("kijk op mijn profiel", ProfilePointer))
        );
        assert!(phrases("écris-moi, je suis seule").contains(&("ecris moi", Contact)));
        assert!(phrases("écris-moi, je suis seule").contains(&("je suis seule", Invitation)));
        assert!(phrases("Найди cлитые интимные фото").contains(&("интимные фото", Leaked)));
        assert!(phrases("再生リストに激 工口 ど うがあるよん").contains(&("工口", Explicit)));
    }

    #[test]
    fn finds_phrases_run_together_and_backwards() {
        let name = find_in_name(&fold_name("@hotgirlvideos"))
            .into_iter()
            .map(|h| h.phrase)
            .collect::<Vec<_>>();
        assert!(name.contains(&"hotgirl"), "{name:?}");
        let backwards = find(&fold("oediv toh ym"));
        assert!(
            backwards
                .iter()
                .any(|h| h.phrase == "hot video" && h.reversed)
        );
    }

    #[test]
    fn ordinary_words_do_not_match_inside_words() {
        assert!(phrases("Greetings from Sussex and Middlesex, this is great").is_empty());
        assert!(phrases("sextou galera, sexta feira").is_empty());
        assert!(phrases("Bonne année bande de petits miracles").is_empty());
        assert!(
            phrases("Família Loures X Tik Tokers").is_empty(),
            "x is not xxx"
        );
    }

    #[test]
    fn squeeze_collapses_repeats() {
        assert_eq!(squeeze("hiiii"), "hi");
        assert_eq!(squeeze("taap"), "tap");
        assert_eq!(squeeze("xxx"), "xxx");
        assert_eq!(squeeze(""), "");
    }
}
