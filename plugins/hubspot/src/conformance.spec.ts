import plugin from './index';
import { describeHubSpotConformance } from './test-support/conformance-suites';

describeHubSpotConformance(plugin);
