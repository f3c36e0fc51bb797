import type { Role } from '../domain/roles';

/** Demo accounts; their passwords are printed in the README and by `caredesk start`. */
export const demoUsers: readonly {
  id: string;
  account: string;
  password: string;
  displayName: string;
  roles: Role[];
  department: string;
  licenceNo: string;
}[] = [
  { id: '00000000-0000-4000-8000-000000000001', account: 'doctor', password: 'doctor-demo-2026', displayName: '张伟', roles: ['physician'], department: 'cardiology', licenceNo: '110110000001' },
  { id: '00000000-0000-4000-8000-000000000002', account: 'doctor2', password: 'doctor2-demo-2026', displayName: '李娜', roles: ['physician'], department: 'endocrinology', licenceNo: '110110000002' },
  { id: '00000000-0000-4000-8000-000000000003', account: 'pharmacist', password: 'pharmacist-demo-2026', displayName: '陈静', roles: ['pharmacist'], department: 'pharmacy', licenceNo: '110120000001' },
  { id: '00000000-0000-4000-8000-000000000004', account: 'admin', password: 'admin-demo-2026', displayName: '系统管理员', roles: ['admin'], department: 'it', licenceNo: '-' },
];
