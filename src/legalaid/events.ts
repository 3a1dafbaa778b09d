export type LegalAidEvent =
  | { type: 'LegalAidApplied'; data: { circumstances: string; urgent: boolean } }
  | { type: 'LegalAidDecided'; data: { granted: boolean; reason: string } }
  | { type: 'LegalAidLawyerAssigned'; data: { lawyerId: string; name: string } }
  | { type: 'PowerOfAttorneyRecorded'; data: { lawyerId: string } };
