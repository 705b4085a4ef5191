import plugin from './index';
import { describeDynamicsConformance } from './test-support/conformance-suites';

describeDynamicsConformance(plugin);
