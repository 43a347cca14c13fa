import { gql, startTestServer, TestServer } from '../utils/test-server';

describe('server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterAll(() => server?.close());

  it('answers the seed 001 公共卫生 subgroup with 28 projects and 467,100 万元', async () => {
    const result = await gql(server.url, '{ taskForces { name subgroups { name metrics { projectCount totalInvestment } } } }', {}, server.adminToken);
    const ezhou = result.data!.taskForces.find((tf: any) => tf.name.startsWith('鄂州市'));
    const health = ezhou.subgroups.find((s: any) => s.name === '公共卫生体系补短板工程');
    expect(health.metrics).toEqual({ projectCount: 28, totalInvestment: 467100 });
  });
});
