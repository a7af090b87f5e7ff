/**
 * Informal, misspelt and short phrasings as officials type them, each with the section(s) that answer it
 * (a heading substring). Written for retrieval tests; independent of the evaluation questions.
 */
export interface Phrasing {
  question: string;
  expect: string[];
}

export const SWEDISH_PHRASINGS: Phrasing[] = [
  {
    question: 'vad e iop',
    expect: ['Idéburet offentligt partnerskap (IOP)', 'Vad är ett idéburet offentligt partnerskap'],
  },
  { question: 'skillnad mot upphandling?', expect: ['skillnaden mellan IOP och upphandling'] },
  {
    question: 'föreningsbidrag vs iop',
    expect: ['skillnaden mellan IOP och föreningsbidrag', 'Föreningsbidrag och normerat'],
  },
  { question: 'vem hittade på iop', expect: ['Vem tog fram IOP-modellen'] },
  { question: 'varför finns iop ens', expect: ['Varför skapades IOP'] },
  { question: 'hur många iop finns det i sverige typ', expect: ['Hur många IOP finns det i Sverige'] },
  { question: 'kan regionen göra iop också?', expect: ['Kan en region ingå IOP'] },
  { question: 'får man ha flera föreningar i samma iop', expect: ['flera idéburna organisationer som parter'] },
  { question: 'var finns stödmaterial om iop', expect: ['vägledning och stödmaterial'] },
  { question: 'hur väljer man mellan bidrag, iop och upphandling', expect: ['Hur väljer vi mellan'] },
  { question: 'är det ett köp som ska upphandlas?', expect: ['egentligen är ett köp'] },
  { question: 'iop eller lov vad är skillnaden', expect: ['valfrihetssystem enligt LOV'] },
  { question: 'skr:s kriterier', expect: ['SKR:s åtta kriterier'] },
  { question: 'forums kriterier för iop', expect: ['Vilka kriterier ställde Forum'] },
  { question: 'måste föreningen ta initiativet själv?', expect: ['Måste initiativet'] },
  { question: 'får kommunen detaljstyra en iop', expect: ['detaljstyra'] },
  { question: 'vad menas med ingen marknad att värna', expect: ['marknad att värna'] },
  { question: 'finns det nån lag för iop', expect: ['Finns det någon lag'] },
  { question: 'är iop undantaget från lou', expect: ['undantaget från LOU'] },
  { question: 'vad hände i alingsås', expect: ['Alingsåsfallet'] },
  { question: 'kan vi få upphandlingsskadeavgift', expect: ['upphandlingsskadeavgift'] },
  { question: 'vad tycker konkurrensverket om iop', expect: ['Konkurrensverket'] },
  { question: 'kan iop vara statsstöd', expect: ['Kan en IOP vara statsstöd'] },
  { question: 'de minimis belopp', expect: ['de minimis'] },
  { question: 'altmark kriterierna', expect: ['Altmark'] },
  { question: 'vanliga missförstånd om iop', expect: ['missförstånden'] },
  { question: 'risker med iop?', expect: ['riskerna med IOP'] },
  { question: 'kan vi köra iop med ett aktiebolag', expect: ['vinstdrivande företag'] },
  { question: 'spara pengar med iop?', expect: ['minska kommunens kostnader'] },
  { question: 'riktlinjen har gått ut vad gäller nu', expect: ['riktlinje för IOP har gått ut'] },
  { question: 'vad ska stå i överenskommelsen', expect: ['Vad ska en IOP-överenskommelse innehålla'] },
  { question: 'räknas ideellt arbete som medfinansiering', expect: ['ideellt arbete och lokaler'] },
  { question: 'vem beslutar om iop', expect: ['Vem beslutar om att ingå en IOP'] },
  { question: 'kan en tjänsteman skriva under på delegation', expect: ['delegation'] },
  { question: 'hur länge håller en iop', expect: ['Hur länge brukar en IOP pågå'] },
  { question: 'hur avslutar man en iop', expect: ['Hur avslutas'] },
  { question: 'uppföljning av iop hur gör man', expect: ['följer man upp och utvärderar'] },
  { question: 'mucf nycklar', expect: ['fyra nycklar'] },
  { question: 'kostar det nåt att registrera sig hos kammarkollegiet', expect: ['Vad kostar det att registrera'] },
  {
    question: 'måste föreningen vara registrerad för iop',
    expect: ['registrerad hos Kammarkollegiet för att ingå IOP'],
  },
  { question: 'vad är reserverad upphandling', expect: ['reserverad upphandling', 'Reserverad upphandling'] },
  { question: 'vad är sgei', expect: ['SGEI'] },
  { question: 'upphandlingsskadeavgft', expect: ['upphandlingsskadeavgift', 'Upphandlingsskadeavgift'] },
  { question: 'samfinansering i iop', expect: ['samfinansiering', 'Samfinansiering'] },
  { question: 'kriterer för iop enligt skr', expect: ['SKR:s åtta kriterier', 'SKR:s kriterier'] },
];

export const ENGLISH_PHRASINGS: Phrasing[] = [
  {
    question: 'what is iop',
    expect: ['Idea-based public partnership (IOP)', 'What is an idea-based public partnership'],
  },
  { question: 'iop vs procurement?', expect: ['difference between an IOP and procurement'] },
  { question: 'who came up with iop', expect: ['Who created the IOP model'] },
  { question: 'how many iops exist in sweden', expect: ['How many IOPs are there in Sweden'] },
  { question: 'can a region do an iop', expect: ['Can a region enter into an IOP'] },
  { question: 'skr criteria', expect: ["SKR's eight criteria"] },
  { question: 'does the initiative have to come from the ngo', expect: ['Must the initiative'] },
  { question: 'is there any law on iop', expect: ['Is there a law that regulates IOP'] },
  { question: 'is iop exempt from public procurement rules', expect: ['exempt from LOU'] },
  { question: 'what happened in alingsas', expect: ['Alingsås case'] },
  { question: 'state aid and iop', expect: ['Can an IOP be state aid'] },
  { question: 'can we do an iop with a for-profit company', expect: ['for-profit company'] },
  { question: 'what goes into an iop agreement', expect: ['What should an IOP agreement contain'] },
  { question: 'who decides on an iop', expect: ['Who decides to enter into an IOP'] },
  { question: 'how long does an iop last', expect: ['How long does an IOP usually last'] },
  { question: 'how do you evaluate an iop', expect: ['followed up and evaluated'] },
  { question: 'registration fee kammarkollegiet', expect: ['What does it cost to register'] },
  { question: 'is reserved procurement the same as iop', expect: ['reserved procurement the same thing'] },
  { question: 'de minimis amounts', expect: ['de minimis'] },
  { question: 'common misconceptions', expect: ['misconceptions'] },
  { question: 'procurment fine for iop', expect: ['fined', 'Procurement fine'] },
];
